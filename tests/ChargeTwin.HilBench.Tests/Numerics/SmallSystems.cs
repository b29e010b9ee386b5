using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Tests.Numerics;

/// <summary>
/// y' = A y with A = Q diag(−1, −1e4) Qᵀ, Q a rotation by 0.3 rad: stiff, with the exact solution Q e^{Λt} Qᵀ y0.
/// </summary>
internal sealed class LinearStiffSystem : IDaeSystem
{
    private static readonly bool[] Differential = [true, true];
    private readonly double[,] _a = new double[2, 2];
    private readonly double _c = Math.Cos(0.3);
    private readonly double _s = Math.Sin(0.3);
    private readonly double[] _lambda = [-1.0, -1.0e4];

    public LinearStiffSystem()
    {
        // A = Q Λ Qᵀ with Q = [c −s; s c].
        _a[0, 0] = (_c * _c * _lambda[0]) + (_s * _s * _lambda[1]);
        _a[0, 1] = _c * _s * (_lambda[0] - _lambda[1]);
        _a[1, 0] = _a[0, 1];
        _a[1, 1] = (_s * _s * _lambda[0]) + (_c * _c * _lambda[1]);
    }

    public JacobianLayout Layout { get; } = new(2, 2, 1, 1);

    public ReadOnlySpan<bool> IsDifferential => Differential;

    public int RootCount => 0;

    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        residual[0] = yp[0] - ((_a[0, 0] * y[0]) + (_a[0, 1] * y[1]));
        residual[1] = yp[1] - ((_a[1, 0] * y[0]) + (_a[1, 1] * y[1]));
    }

    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        jacobian.Add(0, 0, cj - _a[0, 0]);
        jacobian.Add(0, 1, -_a[0, 1]);
        jacobian.Add(1, 0, -_a[1, 0]);
        jacobian.Add(1, 1, cj - _a[1, 1]);
        return true;
    }

    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
    }

    public double[] Exact(double t, double[] y0)
    {
        // z = Qᵀ y0, scaled by e^{λt}, then back with Q.
        double z0 = (_c * y0[0]) + (_s * y0[1]);
        double z1 = (-_s * y0[0]) + (_c * y0[1]);
        z0 *= Math.Exp(_lambda[0] * t);
        z1 *= Math.Exp(_lambda[1] * t);
        return [(_c * z0) - (_s * z1), (_s * z0) + (_c * z1)];
    }
}

/// <summary>
/// y0' = 1 (a clock), y1' = −y1 (a decaying exponential). Roots: g0 = y0 − 2.5 (rises at t = 2.5), g1 = y1 − 0.5
/// (falls at t = ln 2), g2 = y0 − 1.5 (rises at t = 1.5; filtered out when only falling crossings are asked for).
/// </summary>
internal sealed class EventSystem : IDaeSystem
{
    private static readonly bool[] Differential = [true, true];

    public JacobianLayout Layout { get; } = new(2, 2, 0, 0);

    public ReadOnlySpan<bool> IsDifferential => Differential;

    public int RootCount => 3;

    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        residual[0] = yp[0] - 1.0;
        residual[1] = yp[1] + y[1];
    }

    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        jacobian.Add(0, 0, cj);
        jacobian.Add(1, 1, cj + 1.0);
        return true;
    }

    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
        g[0] = y[0] - 2.5;
        g[1] = y[1] - 0.5;
        g[2] = y[0] - 1.5;
    }
}

/// <summary>
/// A differential state y and an algebraic border unknown z: y' = −y + z with, in current-control mode, 0 = z − 2y
/// (so y grows as eᵗ), and after a mode switch to voltage control 0 = z − 0.5 (y relaxes to 0.5).
/// </summary>
internal sealed class ModeSwitchSystem : IDaeSystem
{
    private static readonly bool[] Differential = [true, false];

    public bool VoltageControl { get; set; }

    public JacobianLayout Layout { get; } = new(2, 1, 0, 0);

    public ReadOnlySpan<bool> IsDifferential => Differential;

    public int RootCount => 0;

    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        residual[0] = yp[0] + y[0] - y[1];
        residual[1] = VoltageControl ? y[1] - 0.5 : y[1] - (2.0 * y[0]);
    }

    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        jacobian.Add(0, 0, cj + 1.0);
        jacobian.Add(0, 1, -1.0);
        jacobian.Add(1, 1, 1.0);
        if (!VoltageControl)
        {
            jacobian.Add(1, 0, -2.0);
        }

        return true;
    }

    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
    }
}
