using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class EventAndStopTimeTests
{
    [Fact]
    public void Roots_AreLocatedAccurately_InTimeOrder_WithTheirDirections()
    {
        var solver = NewEventSolver();
        var y = new double[2];

        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(10.0, y, []));
        Assert.Equal([0, -1, 0], solver.RootsFired.ToArray());
        Assert.Equal(Math.Log(2.0), solver.LastRootTime, 1e-7); // limited by the integration error of e^{-t}
        Assert.Equal(0.5, y[1], 1e-12);                          // the interpolant is exactly at the root

        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(10.0, y, []));
        Assert.Equal([0, 0, 1], solver.RootsFired.ToArray());
        Assert.Equal(1.5, solver.LastRootTime, 1e-12);           // y0 = t is integrated exactly

        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(10.0, y, []));
        Assert.Equal([1, 0, 0], solver.RootsFired.ToArray());
        Assert.Equal(2.5, solver.LastRootTime, 100 * 2.2e-16 * 20);

        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(10.0, y, []));
        Assert.Equal(10.0, y[0], 1e-9);
        Assert.Equal(3, solver.Statistics.RootsFound);
    }

    [Fact]
    public void Roots_InTheFilteredDirection_AreNotReported()
    {
        var solver = NewEventSolver();
        solver.SetRootDirections([+1, +1, -1]); // g1 falls (filtered), g2 rises (filtered), g0 rises (kept)
        var y = new double[2];
        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(10.0, y, []));
        Assert.Equal([1, 0, 0], solver.RootsFired.ToArray());
        Assert.Equal(2.5, solver.LastRootTime, 1e-12);
        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(10.0, y, []));
    }

    [Fact]
    public void Root_BeyondTheOutputTime_IsFoundOnTheNextCall()
    {
        var solver = NewEventSolver();
        solver.SetRootDirections([1, 0, -1]);
        var y = new double[2];
        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(1.0, y, []));   // ln 2 < 1
        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(2.0, y, []));     // nothing in (ln 2, 2]
        Assert.Equal(2.0, y[0], 1e-9);
        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(3.0, y, []));
        Assert.Equal(2.5, solver.LastRootTime, 1e-12);
    }

    [Fact]
    public void StopTime_IsNeverSteppedPast_AndIsReturnedExactly()
    {
        var system = new HeatSystem(nodes: 20, diffusivity: 0.05);
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-6 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        const double stop = 1.2345678;
        solver.SetStopTime(stop);

        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(0.5, y, yp));
        Assert.Equal(SolverStatus.StopTimeReached, solver.AdvanceTo(100.0, y, yp));
        Assert.Equal(stop, solver.CurrentTime); // exactly
        Assert.True(system.LatestResidualTime <= stop, $"residual evaluated at {system.LatestResidualTime:R}");
        Assert.Null(solver.StopTime);

        var exact = new double[y.Length];
        system.Exact(stop, exact);
        Assert.Equal(exact[5], y[5], 1e-5 * Math.Abs(exact[5]));

        // Cleared after being reached: the integration continues past it.
        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(3.0, y, yp));
        Assert.True(solver.CurrentTime >= 3.0);
    }

    [Fact]
    public void StopTime_BeforeTheOutputTime_OfARootInBetween_ReturnsTheRootFirst()
    {
        var solver = NewEventSolver();
        solver.SetRootDirections([1, 1, 1]);
        solver.SetStopTime(2.0);
        var y = new double[2];
        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(5.0, y, []));
        Assert.Equal(1.5, solver.LastRootTime, 1e-12);
        Assert.Equal(SolverStatus.StopTimeReached, solver.AdvanceTo(5.0, y, []));
        Assert.Equal(2.0, y[0], 1e-12);
        Assert.Equal(2.0, solver.CurrentTime);
    }

    private static BdfSolver NewEventSolver()
    {
        var solver = new BdfSolver(new EventSystem(), new BdfOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        solver.Initialize(0.0, [0.0, 1.0], [0.0, 0.0]);
        return solver;
    }
}
