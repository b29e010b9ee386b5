namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// The electrodes' stoichiometry ranges between the voltage cut-offs for the cell's lithium
/// inventory (PyBaMM's electrode state-of-health algorithm): x is the negative, y the positive
/// stoichiometry; SOC 0 sits at (x₀, y₀) where the OCV is the lower cut-off, SOC 1 at (x₁₀₀, y₁₀₀).
/// </summary>
public sealed record StoichiometryWindows(double X0, double X100, double Y0, double Y100, double Capacity_Ah)
{
    public double NegativeStoichiometry(double soc) => X0 + soc * (X100 - X0);

    public double PositiveStoichiometry(double soc) => Y0 + soc * (Y100 - Y0);

    /// <summary>SOC implied by a particle-averaged negative stoichiometry.</summary>
    public double StateOfCharge(double negativeStoichiometry) => (negativeStoichiometry - X0) / (X100 - X0);

    /// <summary>Solves for the windows of a parameter set at temperature T (default: the set's reference temperature).</summary>
    public static StoichiometryWindows Compute(DfnParameters p, double? temperature_K = null)
    {
        var t = temperature_K ?? p.ReferenceTemperature_K;
        var qn = p.Negative.ActiveMaterialFraction * p.Negative.Thickness_m * p.Negative.MaxConcentration_molPerM3;
        var qp = p.Positive.ActiveMaterialFraction * p.Positive.Thickness_m * p.Positive.MaxConcentration_molPerM3;
        var nLi = p.LithiumInventory_molPerM2;
        double Y(double x) => (nLi - x * qn) / qp;
        double Ocv(double x) => Ocp(p.Positive, Y(x), t, p.ReferenceTemperature_K) - Ocp(p.Negative, x, t, p.ReferenceTemperature_K);

        // x must keep both stoichiometries inside (0, 1).
        var lo = Math.Max(0, (nLi - qp) / qn) + 1e-9;
        var hi = Math.Min(1, nLi / qn) - 1e-9;
        if (!(hi > lo))
        {
            throw new ParameterValueException(p.Set.Name, "lithium inventory", "does not fit both electrodes' stoichiometry ranges");
        }

        var x100 = Solve(Ocv, p.UpperVoltageCutoff_V, lo, hi, p, "Upper voltage cut-off [V]");
        var x0 = Solve(Ocv, p.LowerVoltageCutoff_V, lo, hi, p, "Lower voltage cut-off [V]");
        var capacity = (x100 - x0) * qn * PhysicalConstants.Faraday * p.ElectrodeArea_m2 / 3600.0;
        return new StoichiometryWindows(x0, x100, Y(x0), Y(x100), capacity);
    }

    /// <summary>
    /// The SOC (0–1) whose open-circuit voltage (uniform particles at <paramref name="temperature_K"/>) equals
    /// <paramref name="voltage_V"/>, clamped to [0, 1]; how a cycler's rest voltage sets a model's initial state.
    /// </summary>
    public double StateOfChargeAtOpenCircuit(DfnParameters p, double voltage_V, double temperature_K)
    {
        ArgumentNullException.ThrowIfNull(p);
        double Ocv(double soc) =>
            Ocp(p.Positive, PositiveStoichiometry(soc), temperature_K, p.ReferenceTemperature_K)
            - Ocp(p.Negative, NegativeStoichiometry(soc), temperature_K, p.ReferenceTemperature_K);
        if (voltage_V >= Ocv(1))
        {
            return 1;
        }

        if (voltage_V <= Ocv(0))
        {
            return 0;
        }

        double lo = 0, hi = 1;
        for (var i = 0; i < 60; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Ocv(mid) < voltage_V)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>U(x) + (T − T_ref) dU/dT(x) with PyBaMM's stoichiometry clipping.</summary>
    public static double Ocp(ElectrodeParameters e, double x, double temperature_K, double reference_K)
    {
        Span<double> args = stackalloc double[1];
        args[0] = Math.Clamp(x, 1e-10, 1 - 1e-10);
        var u = e.OpenCircuitPotential.Evaluate(args);
        if (e.EntropicChange is { } entropic)
        {
            u += (temperature_K - reference_K) * entropic.Evaluate(args);
        }

        return u;
    }

    // OCV increases with x (the negative fills while the positive empties): bisection is robust.
    private static double Solve(Func<double, double> ocv, double target, double lo, double hi, DfnParameters p, string what)
    {
        double fLo = ocv(lo) - target, fHi = ocv(hi) - target;
        if (fLo > 0 || fHi < 0)
        {
            throw new ParameterValueException(p.Set.Name, what,
                $"({target} V) is outside the open-circuit voltage range {ocv(lo):F3}–{ocv(hi):F3} V of the lithium inventory");
        }

        for (var i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (ocv(mid) - target > 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
