using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class JacobianCheckerTests
{
    [Fact]
    public void JacobianChecker_FindsACorrectJacobianCorrect()
    {
        var system = new HeatSystem(nodes: 20, diffusivity: 0.1, beta: 0.5);
        var (y, yp) = State(system);
        JacobianCheckResult result = JacobianChecker.Compare(system, 0.3, y, yp, cj: 250.0);
        Assert.True(result.WorstRelativeError < 1e-6, result.ToString());

        var robertson = new RobertsonSystem();
        result = JacobianChecker.Compare(robertson, 1.0, [0.9, 2e-5, 0.09998], [-0.01, 1e-7, 0.01], cj: 10.0, typicalMagnitude: 1e-6);
        Assert.True(result.WorstRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void JacobianChecker_PointsAtADeliberatelyWrongEntry()
    {
        var system = new WrongEntrySystem(new HeatSystem(nodes: 20, diffusivity: 0.1, beta: 0.5), row: 7, column: 8, error: 1.0);
        var (y, yp) = State(system.Inner);
        JacobianCheckResult result = JacobianChecker.Compare(system, 0.3, y, yp, cj: 250.0);
        Assert.Equal(7, result.Row);
        Assert.Equal(8, result.Column);
        Assert.True(result.WorstRelativeError > 1e-2, result.ToString()); // 1 in −44: a 2 % error
    }

    [Fact]
    public void JacobianChecker_PointsAtAMissingBorderEntry()
    {
        var system = new WrongEntrySystem(new HeatSystem(nodes: 20, diffusivity: 0.1, beta: 0.5), row: 20, column: 3, error: 1.0 / 21.0); // cancels −h
        var (y, yp) = State(system.Inner);
        JacobianCheckResult result = JacobianChecker.Compare(system, 0.3, y, yp, cj: 250.0);
        Assert.Equal(20, result.Row);
        Assert.Equal(3, result.Column);
        Assert.True(result.WorstRelativeError > 0.5, result.ToString());
    }

    private static (double[] Y, double[] Yp) State(HeatSystem system)
    {
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        y[system.Nodes] = 0.4;
        for (int i = 0; i < y.Length; i++)
        {
            yp[i] = 0.01 * i;
        }

        return (y, yp);
    }

    private sealed class WrongEntrySystem(HeatSystem inner, int row, int column, double error) : IDaeSystem
    {
        public HeatSystem Inner => inner;

        public JacobianLayout Layout => inner.Layout;

        public ReadOnlySpan<bool> IsDifferential => inner.IsDifferential;

        public int RootCount => inner.RootCount;

        public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual) => inner.Residual(t, y, yp, residual);

        public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
        {
            inner.Jacobian(t, y, yp, cj, jacobian);
            jacobian.Add(row, column, error);
            return true;
        }

        public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g) => inner.Roots(t, y, yp, g);
    }
}
