using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class StatisticsTests
{
    [Fact]
    public void LastCallStatistics_CountOnlyTheLastCall_WhileStatisticsAccumulate()
    {
        var (solver, y, yp) = NewHeatSolver(new BdfOptions());
        BdfStatistics initialisation = solver.LastCallStatistics;
        Assert.True(initialisation.Factorizations >= 1, "consistent initialisation factorises");
        Assert.Equal(0, initialisation.Steps);

        solver.AdvanceTo(1.0, y, yp);
        BdfStatistics first = solver.LastCallStatistics;
        solver.AdvanceTo(2.0, y, yp);
        BdfStatistics second = solver.LastCallStatistics;
        BdfStatistics total = solver.Statistics;

        Assert.True(first.Steps > 0 && second.Steps > 0);
        Assert.Equal(total.Steps, first.Steps + second.Steps);
        Assert.Equal(total.ResidualEvaluations, initialisation.ResidualEvaluations + first.ResidualEvaluations + second.ResidualEvaluations);
        Assert.Equal(total.Factorizations, initialisation.Factorizations + first.Factorizations + second.Factorizations);
        Assert.Equal(total.CurrentTime, solver.CurrentTime);
        Assert.True(total.CurrentTime >= 2.0);
        Assert.Equal(Math.Max(first.MaxOrderUsed, second.MaxOrderUsed), total.MaxOrderUsed);
        Assert.InRange(total.LastOrder, 1, total.MaxOrderUsed);
        Assert.True(total.NewtonIterations >= total.Steps);
    }

    [Fact]
    public void MaxStepsBetweenJacobians_ForcesFreshJacobians()
    {
        var (lazy, y, yp) = NewHeatSolver(new BdfOptions());
        lazy.AdvanceTo(5.0, y, yp);
        var (eager, y2, yp2) = NewHeatSolver(new BdfOptions { MaxStepsBetweenJacobians = 3 });
        eager.AdvanceTo(5.0, y2, yp2);

        Assert.True(eager.Statistics.JacobianEvaluations >= eager.Statistics.Steps / 3);
        Assert.True(eager.Statistics.JacobianEvaluations > lazy.Statistics.JacobianEvaluations);
        Assert.Equal(y[10], y2[10], 1e-5 * Math.Abs(y[10]));
    }

    private static (BdfSolver Solver, double[] Y, double[] Yp) NewHeatSolver(BdfOptions options)
    {
        var system = new HeatSystem(nodes: 30, diffusivity: 0.05, beta: 0.2);
        var solver = new BdfSolver(system, options);
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        return (solver, y, yp);
    }
}
