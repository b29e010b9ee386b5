namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// Stoichiometry windows for given electrode capacities and lithium inventory, cheaply enough to run every control
/// period: at construction the nominal cell's windows are solved by bisection (as the plant solves them) together
/// with their sensitivities to ln Q_n, ln Q_p and ln n_Li (central differences); a call predicts x₀ and x₁₀₀
/// linearly from those and polishes each with two Newton steps on OCV(x) = cut-off. No bisection per call.
/// </summary>
internal sealed class WindowSolver
{
    private const double Step = 1e-4;
    private readonly TwinElectrode _negative;
    private readonly TwinElectrode _positive;
    private readonly double _reference_K;
    private readonly double _lower_V;
    private readonly double _upper_V;
    private readonly double _qn;
    private readonly double _qp;
    private readonly double _n;
    private readonly double _x0;
    private readonly double _x100;
    private readonly double[] _dx0 = new double[3];
    private readonly double[] _dx100 = new double[3];

    public WindowSolver(TwinElectrode negative, TwinElectrode positive, double reference_K, double lower_V, double upper_V, double qn, double qp, double inventory)
    {
        _negative = negative;
        _positive = positive;
        _reference_K = reference_K;
        _lower_V = lower_V;
        _upper_V = upper_V;
        _qn = qn;
        _qp = qp;
        _n = inventory;
        _x0 = Bisect(qn, qp, inventory, lower_V);
        _x100 = Bisect(qn, qp, inventory, upper_V);
        Span<double> scale = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            scale.Fill(1);
            scale[i] = Math.Exp(Step);
            var up0 = Bisect(qn * scale[0], qp * scale[1], inventory * scale[2], lower_V);
            var up100 = Bisect(qn * scale[0], qp * scale[1], inventory * scale[2], upper_V);
            scale[i] = Math.Exp(-Step);
            _dx0[i] = (up0 - Bisect(qn * scale[0], qp * scale[1], inventory * scale[2], lower_V)) / (2 * Step);
            _dx100[i] = (up100 - Bisect(qn * scale[0], qp * scale[1], inventory * scale[2], upper_V)) / (2 * Step);
        }

        Nominal = Windows(qn, qp, inventory, _x0, _x100);
    }

    /// <summary>The windows of the nominal capacities and inventory (bisection to 10⁻¹⁵).</summary>
    public ElectrodeWindows Nominal { get; }

    /// <summary>Windows for capacities Q_n, Q_p and inventory n_Li [mol/m²]; allocation-free.</summary>
    public ElectrodeWindows Solve(double qn, double qp, double inventory)
    {
        var a = Math.Log(qn / _qn);
        var b = Math.Log(qp / _qp);
        var c = Math.Log(inventory / _n);
        var x0 = _x0 + (_dx0[0] * a) + (_dx0[1] * b) + (_dx0[2] * c);
        var x100 = _x100 + (_dx100[0] * a) + (_dx100[1] * b) + (_dx100[2] * c);
        x0 = Polish(qn, qp, inventory, _lower_V, x0);
        x100 = Polish(qn, qp, inventory, _upper_V, x100);
        return Windows(qn, qp, inventory, x0, x100);
    }

    /// <summary>The x where the OCV at the reference temperature is <paramref name="target_V"/>, by bisection.</summary>
    public double Bisect(double qn, double qp, double inventory, double target_V)
    {
        var lo = Math.Max(0, (inventory - qp) / qn) + 1e-9;
        var hi = Math.Min(1, inventory / qn) - 1e-9;
        if (!(hi > lo) || Ocv(qn, qp, inventory, lo) > target_V || Ocv(qn, qp, inventory, hi) < target_V)
        {
            throw new ArgumentException($"the lithium inventory's open-circuit voltage range does not contain {target_V} V");
        }

        for (var i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Ocv(qn, qp, inventory, mid) > target_V)
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

    private static ElectrodeWindows Windows(double qn, double qp, double inventory, double x0, double x100) =>
        new(x0, x100, (inventory - (x0 * qn)) / qp, (inventory - (x100 * qn)) / qp);

    private double Ocv(double qn, double qp, double inventory, double x) =>
        OpenCircuit.Potential(_positive, (inventory - (x * qn)) / qp, _reference_K, _reference_K)
        - OpenCircuit.Potential(_negative, x, _reference_K, _reference_K);

    // OCV(x) rises with x (the negative fills while the positive empties), so Newton from a close guess is safe.
    private double Polish(double qn, double qp, double inventory, double target_V, double x)
    {
        for (var i = 0; i < 2; i++)
        {
            var y = (inventory - (x * qn)) / qp;
            var up = OpenCircuit.Potential(_positive, y, _reference_K, _reference_K, out var dUp, out _);
            var un = OpenCircuit.Potential(_negative, x, _reference_K, _reference_K, out var dUn, out _);
            var slope = (-dUp * qn / qp) - dUn;
            if (!(slope > 0))
            {
                break;
            }

            x -= (up - un - target_V) / slope;
        }

        return x;
    }
}
