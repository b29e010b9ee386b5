using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class InitialConditionTests
{
    [Fact]
    public void ConsistentInitialisation_FindsTheAlgebraicValuesAndDerivatives_FromAWrongGuess()
    {
        var system = new ModeSwitchSystem();
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        solver.Initialize(0.0, [1.0, 5.0], [0.0, 0.0]); // z = 5 is wrong (2·y = 2), y' = 0 is wrong (−1 + 2 = 1)
        var y = new double[2];
        var yp = new double[2];
        solver.Interpolate(solver.CurrentTime, y, yp);
        Assert.Equal(1.0, y[0]);                 // the differential component is kept as given
        Assert.Equal(2.0, y[1], 1e-9);
        Assert.Equal(1.0, yp[0], 1e-9);
    }

    [Fact]
    public void ConsistentInitialisation_OfTheHeatEquation_FindsTheMeanAndAllDerivatives()
    {
        var system = new HeatSystem(nodes: 30, diffusivity: 0.1, beta: 0.5);
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp); // m = 0, y' = 0: both wrong
        solver.Initialize(0.0, y, yp);
        solver.Interpolate(0.0, y, yp);
        Assert.Equal(system.Sigma, y[30], 1e-10);
        for (int i = 0; i < 30; i++)
        {
            double expected = system.Mu * Math.Sin(Math.PI * (i + 1) / 31.0);
            Assert.Equal(expected, yp[i], 1e-6 * Math.Abs(system.Mu));
        }

        Assert.Equal(system.Sigma, yp[31], 1e-9); // E' = m
    }

    [Fact]
    public void Reinitialize_AfterAModeSwitchOfAnAlgebraicRow_ContinuesOnTheNewEquations()
    {
        var system = new ModeSwitchSystem();
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        solver.Initialize(0.0, [1.0, 2.0], [1.0, 0.0]);
        solver.SetStopTime(1.0);
        var y = new double[2];
        var yp = new double[2];

        // Current control: y' = −y + 2y = y.
        Assert.Equal(SolverStatus.StopTimeReached, solver.AdvanceTo(5.0, y, yp));
        Assert.Equal(1.0, solver.CurrentTime);
        Assert.Equal(Math.E, y[0], 1e-7);
        long stepsBefore = solver.Statistics.Steps;

        // Voltage control from t = 1: z = 0.5, y' = −y + 0.5.
        system.VoltageControl = true;
        solver.Reinitialize(1.0, y, yp);
        solver.Interpolate(1.0, y, yp);
        Assert.Equal(0.5, y[1], 1e-12);
        Assert.Equal(-Math.E + 0.5, yp[0], 1e-7);
        Assert.Equal(1, solver.Statistics.CurrentOrder);

        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(3.0, y, yp));
        double expected = 0.5 + ((Math.E - 0.5) * Math.Exp(-2.0));
        Assert.Equal(expected, y[0], 1e-7);
        Assert.Equal(0.5, y[1], 1e-8); // algebraic: within the Newton tolerance, not in the error test
        Assert.True(solver.Statistics.Steps > stepsBefore, "statistics accumulate across Reinitialize");
    }

    [Fact]
    public void Reinitialize_ResetsTheHistoryToOrderOne()
    {
        var system = new HeatSystem(nodes: 20, diffusivity: 0.1);
        var solver = new BdfSolver(system);
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        solver.AdvanceTo(2.0, y, yp);
        Assert.True(solver.Statistics.LastOrder > 1);
        solver.Reinitialize(2.0, y, yp);
        Assert.Equal(0, solver.Statistics.LastOrder);
        solver.AdvanceTo(2.5, y, yp);
        var exact = new double[y.Length];
        system.Exact(2.5, exact);
        Assert.Equal(exact[10], y[10], 1e-5 * Math.Abs(exact[10]));
    }
}
