using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Tests.Numerics;

/// <summary>
/// Robertson's chemical kinetics as a semi-explicit index-1 DAE (SUNDIALS' idaRoberts_dns):
/// y1' = −0.04 y1 + 1e4 y2 y3, y2' = 0.04 y1 − 1e4 y2 y3 − 3e7 y2², 0 = y1 + y2 + y3 − 1.
/// y3 is algebraic and the border unknown; roots g0 = y1 − 1e-4, g1 = y3 − 0.01.
/// </summary>
internal sealed class RobertsonSystem(bool analyticJacobian = true) : IDaeSystem
{
    private static readonly bool[] Differential = [true, true, false];

    public JacobianLayout Layout { get; } = new(3, 2, 1, 1);

    public ReadOnlySpan<bool> IsDifferential => Differential;

    public int RootCount => 2;

    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        double reaction = (-0.04 * y[0]) + (1.0e4 * y[1] * y[2]);
        residual[0] = reaction - yp[0];
        residual[1] = -reaction - (3.0e7 * y[1] * y[1]) - yp[1];
        residual[2] = y[0] + y[1] + y[2] - 1.0;
    }

    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        if (!analyticJacobian)
        {
            return false;
        }

        jacobian.Add(0, 0, -0.04 - cj);
        jacobian.Add(0, 1, 1.0e4 * y[2]);
        jacobian.Add(0, 2, 1.0e4 * y[1]);
        jacobian.Add(1, 0, 0.04);
        jacobian.Add(1, 1, (-1.0e4 * y[2]) - (6.0e7 * y[1]) - cj);
        jacobian.Add(1, 2, -1.0e4 * y[1]);
        jacobian.Add(2, 0, 1.0);
        jacobian.Add(2, 1, 1.0);
        jacobian.Add(2, 2, 1.0);
        return true;
    }

    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
        g[0] = y[0] - 1.0e-4;
        g[1] = y[2] - 0.01;
    }
}
