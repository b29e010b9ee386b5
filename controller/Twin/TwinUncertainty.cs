using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// Everything the twin assumes about what it does not know (in the filter's correction directions, <see cref="TwinSubspace"/>): the prior of the state at plug-in (the BMS's SOC and
/// its σ, the cell at the measured temperature, the cell file's parameter covariance mapped into the model's
/// parameter block at the ambient temperature, and an ageing prior), the process noise of the model, the
/// measurement noise of the sensors, the finite-difference scales, and the physical range each parameter is kept in.
/// <para>
/// Mapping the cell file's covariance: the fit coordinates u of a calibrated file (ln θ or θ) enter the model's
/// parameter block linearly — ln ε_s scales one for one, the contact resistance one for one, and an Arrhenius
/// parameter (a reference value D_ref or k_ref and its activation energy E) as ln D(T) = ln D_ref +
/// (E/R)(1/T_ref − 1/T): so the twin's prior on "ln D at this ambient" is A Σ Aᵀ with A holding 1 and
/// (1/T_ref − 1/T)/R. A parameter that ended on a bound of its fit has no meaningful σ: it is held in the
/// conditional covariance of the others and given an assumed σ of its own (<see cref="ConditionalOnBounds"/>).
/// </para>
/// </summary>
internal sealed class TwinUncertainty
{
    private const double GasConstant = 8.314462618;

    // Ageing prior (fractions of the fresh cell; σ of ln-scale and of the resistance offset): the ranges a charger
    // meets in the field before it has learnt the cell, from fresh to moderately aged (see controller/Twin/README.md).
    private const double NegativeActiveAgeingSigma = 0.04, PositiveActiveAgeingSigma = 0.025, ResistanceAgeingSigma_Ohm = 0.005;
    private const double LithiumInventoryAgeingSigma = 0.05;

    // Defaults for a cell file without an uncertainty section.
    // σ of a parameter that ended on a bound of its fit, as a fraction of its bound range in the fit coordinate.
    private const double AtBoundRangeFraction = 0.1;

    private const double DefaultLnKineticSigma = 0.5, DefaultLnDiffusivitySigma = 0.5, DefaultLnHeatCapacitySigma = 0.1, DefaultLnHeatTransferSigma = 0.3;

    private readonly ReducedCellModel _model;
    private readonly TwinSubspace _z;
    private readonly ParameterUncertainty? _fit;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _d;

    public TwinUncertainty(ReducedCellModel model, TwinSubspace subspace, ParameterSet cell)
    {
        _model = model;
        _z = subspace;
        _fit = cell.Uncertainty;
        var n = model.Layout.StateCount;
        _a = new double[n];
        _b = new double[n];
        _d = new double[subspace.Count];
    }

    /// <summary>σ of the voltage sensor's bias [V] (a consider state: constant over the charge).</summary>
    public const double VoltageBiasSigma_V = 0.002;

    /// <summary>σ of the temperature sensor's bias [K] (a consider state).</summary>
    public const double TemperatureBiasSigma_K = 0.3;

    /// <summary>Terminal-voltage channel: noise and the reduced model's own error, as one white variance [V²].</summary>
    public double VoltageVariance { get; } = 0.006 * 0.006;

    /// <summary>Surface-temperature channel: noise and the sensor's lag at the heating rates of a fast charge [K²].</summary>
    public double TemperatureVariance { get; } = 0.4 * 0.4;

    /// <summary>Diagonal process noise of the corrections for a step of <paramref name="dt_s"/>: model error of the lithium content and temperature, random walks of the parameters.</summary>
    public void ProcessNoise(double dt_s, Span<double> q)
    {
        var l = _model.Layout;
        q[TwinSubspace.NegativeLithium] = 1e-9 * dt_s;
        q[TwinSubspace.PositiveLithium] = 1e-9 * dt_s;
        q[TwinSubspace.Temperature] = 4e-4 * dt_s;
        q[_z.SurfaceTemperature] = 4e-4 * dt_s;
        for (var i = _z.ParameterStart; i < _z.VoltageBias; i++)
        {
            q[i] = 1e-6 * dt_s;
        }

        q[_z.VoltageBias] = 0;
        q[_z.TemperatureBias] = 0;

        q[_z.Parameter(l.SeriesResistanceOffset_Ohm)] = 1e-10 * dt_s;
        q[_z.Parameter(l.LnNegativeActiveScale)] = 1e-10 * dt_s;
        q[_z.Parameter(l.LnPositiveActiveScale)] = 1e-10 * dt_s;
    }

    /// <summary>The full mean state at plug-in and the covariance (row-major r×r) of the filter's corrections.</summary>
    public void InitialState(double soc, double socSigma, double temperature_K, Span<double> state, out double[] covariance)
    {
        var r = _z.Count;
        covariance = new double[r * r];
        soc = Math.Clamp(double.IsFinite(soc) ? soc : 0.5, 0, 1);
        socSigma = double.IsFinite(socSigma) && socSigma > 0 ? socSigma : 0.05;
        _model.Initialise(state, soc, temperature_K);

        // SOC: both electrodes' lithium move together along ∂x/∂SOC, projected on the correction directions.
        const double delta = 1e-4;
        var lo = Math.Max(0, soc - delta);
        var hi = Math.Min(1, soc + delta);
        _model.Initialise(_a, lo, temperature_K);
        _model.Initialise(_b, hi, temperature_K);
        for (var i = 0; i < _a.Length; i++)
        {
            _b[i] = (_b[i] - _a[i]) / (hi - lo);
        }

        _z.Project(_b, _d);
        _d[TwinSubspace.Temperature] = 0;
        _d[_z.SurfaceTemperature] = 0;
        for (var i = _z.ParameterStart; i < r; i++)
        {
            _d[i] = 0;
        }

        AddOuter(covariance, _d, socSigma * socSigma);

        // Temperature: both nodes at the measured temperature, its σ shared.
        Array.Clear(_d);
        _d[TwinSubspace.Temperature] = 1;
        _d[_z.SurfaceTemperature] = 1;
        AddOuter(covariance, _d, TemperatureVariance);

        ParameterPrior(covariance, temperature_K);
        BalancingPrior(covariance, soc);

        // The sensors' biases: constant over a charge, so no average of many readings removes them.
        covariance[(_z.VoltageBias * r) + _z.VoltageBias] = VoltageBiasSigma_V * VoltageBiasSigma_V;
        covariance[(_z.TemperatureBias * r) + _z.TemperatureBias] = TemperatureBiasSigma_K * TemperatureBiasSigma_K;

        // The model's temperature starts at the measured one, so its error is minus the sensor's bias.
        const double b2 = TemperatureBiasSigma_K * TemperatureBiasSigma_K;
        covariance[(TwinSubspace.Temperature * r) + TwinSubspace.Temperature] += b2;
        covariance[(TwinSubspace.Temperature * r) + _z.TemperatureBias] -= b2;
        covariance[(_z.TemperatureBias * r) + TwinSubspace.Temperature] -= b2;
        if (_z.TwoNode)
        {
            covariance[(_z.SurfaceTemperature * r) + _z.SurfaceTemperature] += b2;
            covariance[(_z.SurfaceTemperature * r) + _z.TemperatureBias] -= b2;
            covariance[(_z.TemperatureBias * r) + _z.SurfaceTemperature] -= b2;
            covariance[(TwinSubspace.Temperature * r) + _z.SurfaceTemperature] += b2;
            covariance[(_z.SurfaceTemperature * r) + TwinSubspace.Temperature] += b2;
        }
    }

    /// <summary>
    /// Electrode balancing. The reported SOC is an SOC of the <em>true</em> cell, whose stoichiometry windows depend on its
    /// electrode capacities and lithium inventory — known to the twin only to their prior (the cell file's spread
    /// and ageing) — so the stoichiometries it starts from are uncertain beyond the report's σ: with h = (LLI,
    /// ln Q_n, ln Q_p) and J = ∂(x_n(SOC), y_p(SOC))/∂h (windows by bisection, central differences), the lithium
    /// directions get J Σ_h Jᵀ and, because ln Q_n and ln Q_p are the LAM states themselves, the cross-covariance
    /// J Σ_h,LAM. This is how the calibration's −0.999 valley (ε_n against c_n0) and an unknown ageing reach the
    /// estimate of where on the graphite OCP the cell sits.
    /// </summary>
    private void BalancingPrior(double[] covariance, double soc)
    {
        var p = _model.Parameters;
        var l = _model.Layout;
        var r = _z.Count;
        double qn = p.Negative.NominalSites_molPerM2, qp = p.Positive.NominalSites_molPerM2, n0 = p.NominalInventory_molPerM2;
        Span<double> j = stackalloc double[6];
        const double h = 1e-3;
        for (var k = 0; k < 3; k++)
        {
            var plus = p.ExactWindows(qn * Math.Exp(k == 1 ? h : 0), qp * Math.Exp(k == 2 ? h : 0), n0 * (1 - (k == 0 ? h : 0)));
            var minus = p.ExactWindows(qn * Math.Exp(k == 1 ? -h : 0), qp * Math.Exp(k == 2 ? -h : 0), n0 * (1 - (k == 0 ? -h : 0)));
            j[k] = (plus.NegativeStoichiometry(soc) - minus.NegativeStoichiometry(soc)) / (2 * h);
            j[3 + k] = (plus.PositiveStoichiometry(soc) - minus.PositiveStoichiometry(soc)) / (2 * h);
        }

        // Σ_h: LLI independent; ln Q_n and ln Q_p as the LAM states' prior already assembled.
        int an = _z.Parameter(l.LnNegativeActiveScale), ap = _z.Parameter(l.LnPositiveActiveScale);
        Span<double> sigma = stackalloc double[9];
        sigma[0] = LithiumInventoryAgeingSigma * LithiumInventoryAgeingSigma;
        sigma[4] = covariance[(an * r) + an];
        sigma[5] = covariance[(an * r) + ap];
        sigma[7] = covariance[(ap * r) + an];
        sigma[8] = covariance[(ap * r) + ap];
        Span<int> lithium = [TwinSubspace.NegativeLithium, TwinSubspace.PositiveLithium];
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                var acc = 0.0;
                for (var u = 0; u < 3; u++)
                {
                    for (var v = 0; v < 3; v++)
                    {
                        acc += j[(3 * a) + u] * sigma[(3 * u) + v] * j[(3 * b) + v];
                    }
                }

                covariance[(lithium[a] * r) + lithium[b]] += acc;
            }

            // Cross-covariance with the LAM states (h₁ = ln Q_n is z_LAMn, h₂ = ln Q_p is z_LAMp).
            foreach (var (state, column) in (ReadOnlySpan<(int, int)>)[(an, 1), (ap, 2)])
            {
                var acc = 0.0;
                for (var u = 0; u < 3; u++)
                {
                    acc += j[(3 * a) + u] * sigma[(3 * u) + column];
                }

                covariance[(lithium[a] * r) + state] += acc;
                covariance[(state * r) + lithium[a]] += acc;
            }
        }
    }

    /// <summary>
    /// The reduced model's own error in η_Li against the DFN at a current, as a σ [V]: the validation table's RMS errors
    /// (controller/Twin/README.md: 1.4, 2.8 and 5.7 mV at 1C, 2C and 3C, 25 °C) are about 2 mV per C.
    /// </summary>
    public double PlatingModelSigma_V(double current_A) => ModelPlatingErrorPerC_V * Math.Abs(current_A) / _model.Parameters.NominalCapacity_Ah;

    private const double ModelPlatingErrorPerC_V = 0.002;

    /// <summary>Keeps the parameter block inside its physical range after an update.</summary>
    public void Constrain(Span<double> state)
    {
        var l = _model.Layout;
        state[l.LnNegativeActiveScale] = Math.Clamp(state[l.LnNegativeActiveScale], -0.7, 0.3);
        state[l.LnPositiveActiveScale] = Math.Clamp(state[l.LnPositiveActiveScale], -0.7, 0.3);
        state[l.SeriesResistanceOffset_Ohm] = Math.Clamp(state[l.SeriesResistanceOffset_Ohm], -_model.Parameters.ContactResistance_Ohm, 0.2);
        foreach (var i in (ReadOnlySpan<int>)[l.LnNegativeKineticScale, l.LnPositiveKineticScale, l.LnNegativeDiffusivityScale, l.LnPositiveDiffusivityScale, l.LnHeatCapacityScale, l.LnHeatTransferScale])
        {
            state[i] = Math.Clamp(state[i], -8, 8);
        }
    }

    /// <summary>The health vector at a state: LLI, LAM_n, LAM_p, resistance growth.</summary>
    public void Health(ReadOnlySpan<double> state, Span<double> health)
    {
        var h = _model.Health(state);
        health[0] = h.LithiumInventoryLoss;
        health[1] = h.NegativeActiveMaterialLoss;
        health[2] = h.PositiveActiveMaterialLoss;
        health[3] = h.ResistanceGrowth_Ohm;
    }

    public double Thickness(ReadOnlySpan<double> state, double current_A, double ambient_K)
    {
        _model.Evaluate(state, current_A, ambient_K, out var o);
        return o.ThicknessChange_m;
    }

    private void ParameterPrior(double[] covariance, double temperature_K)
    {
        var l = _model.Layout;
        var n = _z.Count;
        Span<int> targets = [l.LnNegativeActiveScale, l.LnPositiveActiveScale, l.SeriesResistanceOffset_Ohm, l.LnNegativeKineticScale, l.LnPositiveKineticScale, l.LnNegativeDiffusivityScale, l.LnPositiveDiffusivityScale, l.LnHeatCapacityScale, l.LnHeatTransferScale];
        for (var t = 0; t < targets.Length; t++)
        {
            targets[t] = _z.Parameter(targets[t]);
        }

        Span<double> defaults = [0, 0, 0, DefaultLnKineticSigma, DefaultLnKineticSigma, DefaultLnDiffusivitySigma, DefaultLnDiffusivitySigma, DefaultLnHeatCapacitySigma, DefaultLnHeatTransferSigma];
        var mapped = new bool[targets.Length];
        if (_fit is { } fit)
        {
            var m = fit.Parameters.Count;
            var arrhenius = (1 / _model.Parameters.ReferenceTemperature_K - 1 / temperature_K) / GasConstant;

            // A: rows = the twin's parameters (targets), columns = the file's fit coordinates.
            var a = new double[targets.Length, m];
            for (var j = 0; j < m; j++)
            {
                var (row, weight) = Target(fit.Parameters[j].Name, arrhenius);
                if (row >= 0)
                {
                    a[row, j] = weight;
                    mapped[row] = true;
                }
            }

            var sigma = ConditionalOnBounds(fit);
            for (var r = 0; r < targets.Length; r++)
            {
                for (var c = 0; c < targets.Length; c++)
                {
                    var acc = 0.0;
                    for (var i = 0; i < m; i++)
                    {
                        if (a[r, i] == 0)
                        {
                            continue;
                        }

                        for (var j = 0; j < m; j++)
                        {
                            acc += a[r, i] * sigma[i, j] * a[c, j];
                        }
                    }

                    covariance[targets[r] * n + targets[c]] += acc;
                }
            }
        }

        for (var r = 0; r < targets.Length; r++)
        {
            if (!mapped[r])
            {
                covariance[targets[r] * n + targets[r]] += defaults[r] * defaults[r];
            }
        }

        covariance[(targets[0] * n) + targets[0]] += NegativeActiveAgeingSigma * NegativeActiveAgeingSigma;
        covariance[(targets[1] * n) + targets[1]] += PositiveActiveAgeingSigma * PositiveActiveAgeingSigma;
        covariance[(targets[2] * n) + targets[2]] += ResistanceAgeingSigma_Ohm * ResistanceAgeingSigma_Ohm;
    }

    /// <summary>Which row of the twin's parameter prior a cell-file parameter feeds, and with what weight.</summary>
    private static (int Row, double Weight) Target(string name, double arrhenius) => name switch
    {
        "Negative electrode active material volume fraction" => (0, 1),
        "Positive electrode active material volume fraction" => (1, 1),
        "Contact resistance [Ohm]" => (2, 1),
        "Negative electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]" => (3, 1),
        "Negative electrode reaction rate constant activation energy [J.mol-1]" => (3, arrhenius),
        "Positive electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]" => (4, 1),
        "Positive electrode reaction rate constant activation energy [J.mol-1]" => (4, arrhenius),
        "Negative particle diffusivity reference value [m2.s-1]" => (5, 1),
        "Negative particle diffusivity activation energy [J.mol-1]" => (5, arrhenius),
        "Positive particle diffusivity reference value [m2.s-1]" => (6, 1),
        "Positive particle diffusivity activation energy [J.mol-1]" => (6, arrhenius),
        "Cell heat capacity [J.K-1]" => (7, 1),
        "Total heat transfer coefficient [W.m-2.K-1]" => (8, 1),
        _ => (-1, 0),
    };

    /// <summary>
    /// The fit covariance with the parameters that ended on a bound held (Σ_ff − Σ_fb Σ_bb⁻¹ Σ_bf for the others: what
    /// the fit reports with those fixed, as the bench's spread draws them); a held parameter gets, uncorrelated,
    /// σ = <see cref="AtBoundRangeFraction"/> of its bound range in its fit coordinate — an assumption, not a
    /// measurement (its fitted σ means nothing).
    /// </summary>
    private static double[,] ConditionalOnBounds(ParameterUncertainty fit)
    {
        var result = fit.CovarianceWithBoundsHeld();
        for (var i = 0; i < fit.Parameters.Count; i++)
        {
            if (fit.Parameters[i].AtBound)
            {
                var p = fit.Parameters[i];
                var sigma = AtBoundRangeFraction * (p.ToFit(p.Upper) - p.ToFit(p.Lower));
                result[i, i] = sigma * sigma;
            }
        }

        return result;
    }

    private static void AddOuter(double[] covariance, ReadOnlySpan<double> v, double variance)
    {
        var n = v.Length;
        for (var i = 0; i < n; i++)
        {
            if (v[i] == 0)
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                covariance[i * n + j] += variance * v[i] * v[j];
            }
        }
    }
}
