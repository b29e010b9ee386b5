using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class HeatEquationTests
{
    [Fact]
    public void HeatEquation_WithAlgebraicAndDifferentialBorderUnknowns_MatchesItsExactDecayingSine()
    {
        var system = new HeatSystem(nodes: 60, diffusivity: 0.1, beta: 0.5);
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-8, AbsTol = 1e-10 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);

        var exact = new double[y.Length];
        foreach (double t in new[] { 0.5, 1.0, 2.0, 5.0 })
        {
            Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(t, y, yp));
            system.Exact(t, exact);
            for (int i = 0; i < y.Length; i++)
            {
                // Global error of the semi-discrete system: a small multiple of the local tolerance rtol·|y| + atol.
                double tolerance = (1e-8 * Math.Abs(exact[i])) + 1e-10;
                Assert.True(Math.Abs(y[i] - exact[i]) <= 50.0 * tolerance, $"t = {t}, component {i}: {y[i]:R} vs exact {exact[i]:R}");
            }

            // And against the PDE: u(x, t) = e^{−(Dπ² + 2β/π) t} sin(πx), up to the O(h²) discretisation error.
            double pdeRate = (0.1 * Math.PI * Math.PI) + (2.0 * 0.5 / Math.PI);
            double midpoint = Math.Exp(-pdeRate * t) * Math.Sin(Math.PI * 30.0 / 61.0);
            Assert.Equal(midpoint, y[29], 2e-3 * midpoint);
        }

        Assert.True(solver.Statistics.MaxOrderUsed > 1);
    }

    [Fact]
    public void HeatEquation_WithFiniteDifferenceJacobian_AgreesWithTheAnalyticJacobian_WithBorder()
    {
        AssertFiniteDifferenceAgrees(border: true);
    }

    [Fact]
    public void HeatEquation_WithFiniteDifferenceJacobian_AgreesWithTheAnalyticJacobian_BandOnlyWithGroupedColumns()
    {
        AssertFiniteDifferenceAgrees(border: false);
    }

    [Fact]
    public void HeatEquation_WithAWiderDeclaredBand_GivesTheSameSolution()
    {
        var narrow = new HeatSystem(nodes: 30, diffusivity: 0.1, bandwidth: 1);
        var wide = new HeatSystem(nodes: 30, diffusivity: 0.1, bandwidth: 5);
        var yNarrow = Run(narrow, 2.0);
        var yWide = Run(wide, 2.0);
        for (int i = 0; i < yNarrow.Length; i++)
        {
            Assert.Equal(yNarrow[i], yWide[i], 1e-12);
        }
    }

    private static void AssertFiniteDifferenceAgrees(bool border)
    {
        var analytic = new HeatSystem(nodes: 25, diffusivity: 0.1, analyticJacobian: true, border: border);
        var numeric = new HeatSystem(nodes: 25, diffusivity: 0.1, analyticJacobian: false, border: border);
        var ya = Run(analytic, 3.0, out var statsA);
        var yn = Run(numeric, 3.0, out var statsN);
        for (int i = 0; i < ya.Length; i++)
        {
            Assert.Equal(ya[i], yn[i], 1e-7 * Math.Max(Math.Abs(ya[i]), 1e-3));
        }

        Assert.Equal(0, statsA.ResidualEvaluationsForJacobian);
        long perJacobian = statsN.ResidualEvaluationsForJacobian / statsN.JacobianEvaluations;
        Assert.Equal(border ? numeric.Layout.Size : 3, perJacobian); // column by column with a border, stride 3 without
    }

    private static double[] Run(HeatSystem system, double tEnd) => Run(system, tEnd, out _);

    private static double[] Run(HeatSystem system, double tEnd, out BdfStatistics statistics)
    {
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(tEnd, y, yp));
        statistics = solver.Statistics;
        return y;
    }
}
