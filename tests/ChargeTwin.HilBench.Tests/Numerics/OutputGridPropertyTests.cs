using ChargeTwin.HilBench.Numerics;
using CsCheck;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

/// <summary>
/// The integrator's output does not depend on the output grid (issue 29), for any grid: two random grids (any number of
/// outputs, uneven, with repeated times) that share a few check times give bitwise the same state there and take the
/// same steps — on the heat DAE with random size and coefficients, and on Robertson's stiff DAE through its first root.
/// </summary>
public sealed class OutputGridPropertyTests
{
    private static readonly Gen<double[]> s_grid = Gen.Double[0, 1].Array[0, 40];

    private static (Dictionary<double, double[]> AtCheck, BdfStatistics Statistics) Run(
        IDaeSystem system, double[] y0, double[] yp0, BdfOptions options, double end, double[] grid, double[] checks)
    {
        var solver = new BdfSolver(system, options);
        solver.Initialize(0.0, y0, yp0);
        var y = new double[y0.Length];
        var yp = new double[y0.Length];
        var atCheck = new Dictionary<double, double[]>();
        var roots = 0;
        foreach (var t in grid.Select(f => f * end).Concat(checks).Append(end).Order())
        {
            // a root stops the call at the root; the grid's time is then asked for again
            while (solver.AdvanceTo(t, y, yp) == SolverStatus.RootFound)
            {
                roots++;
            }

            if (checks.Contains(t))
            {
                atCheck[t] = (double[])y.Clone();
            }
        }

        Assert.Equal(system.RootCount > 0 ? 1 : 0, roots); // of Robertson's two roots, y3 rising through 0.01 lies before 4e5 s
        return (atCheck, solver.Statistics);
    }

    private static void AssertSame((Dictionary<double, double[]> AtCheck, BdfStatistics Statistics) a, (Dictionary<double, double[]> AtCheck, BdfStatistics Statistics) b)
    {
        Assert.Equal(a.AtCheck.Keys.Order(), b.AtCheck.Keys.Order());
        foreach (var (t, y) in a.AtCheck)
        {
            Assert.Equal(y, b.AtCheck[t]); // bitwise
        }

        Assert.Equal(a.Statistics.Steps, b.Statistics.Steps);
        Assert.Equal(a.Statistics.ResidualEvaluations, b.Statistics.ResidualEvaluations);
        Assert.Equal(a.Statistics.Factorizations, b.Statistics.Factorizations);
    }

    [Fact]
    public void HeatEquation_AnyTwoOutputGrids_GiveTheSameStateAndSteps()
    {
        var system = Gen.Select(Gen.Int[4, 30], Gen.Double[0.01, 0.5], Gen.Double[0, 1]);
        Gen.Select(system, s_grid, s_grid, Gen.Double[0.05, 0.95].Array[1, 4]).Sample((s, gridA, gridB, checkFractions) =>
        {
            var (nodes, diffusivity, beta) = s;
            const double end = 4.0;
            var checks = checkFractions.Select(f => f * end).ToArray();
            var heat = new HeatSystem(nodes, diffusivity, beta);
            var y0 = new double[heat.Layout.Size];
            var yp0 = new double[heat.Layout.Size];
            heat.InitialState(y0, yp0);
            var options = new BdfOptions { RelTol = 1e-6, AbsTol = 1e-9 };
            AssertSame(
                Run(heat, y0, yp0, options, end, gridA, checks),
                Run(new HeatSystem(nodes, diffusivity, beta), y0, yp0, options, end, gridB, checks));
        }, iter: 60, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Robertson_AnyTwoOutputGrids_GiveTheSameStateAndSteps()
    {
        Gen.Select(s_grid, s_grid, Gen.Double[0.001, 0.999].Array[1, 4]).Sample((gridA, gridB, checkFractions) =>
        {
            const double end = 4e5;
            // geometric: Robertson's interest spans 1e-4 s to 4e5 s
            static double[] Geometric(double[] fractions) => [.. fractions.Select(f => Math.Pow(10, -4 + (f * 9.6)) / end)];
            var checks = Geometric(checkFractions).Select(f => f * end).ToArray();
            var options = new BdfOptions { RelTol = 1e-6, AbsTolPerComponent = new[] { 1e-12, 1e-16, 1e-12 } };
            AssertSame(
                Run(new RobertsonSystem(), [1.0, 0.0, 0.0], [-0.04, 0.04, 0.0], options, end, Geometric(gridA), checks),
                Run(new RobertsonSystem(), [1.0, 0.0, 0.0], [-0.04, 0.04, 0.0], options, end, Geometric(gridB), checks));
        }, iter: 40, seed: "0N0XIzNsQ0O2");
    }
}
