using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class AllocationTests
{
    [Fact]
    public void Stepping_AllocatesNothing_AfterWarmUp_WithOutputsRootsAndStopTimes()
    {
        var system = new HeatSystem(nodes: 50, diffusivity: 0.02, beta: 0.1, rootCount: 1) { MeanThreshold = 0.5 };
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-7, AbsTol = 1e-10 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        Span<int> directions = stackalloc int[1];
        directions[0] = -1;

        Run(solver, y, yp, 0.0, 1.0, directions); // warm-up: JIT, tiering
        Run(solver, y, yp, 1.0, 2.0, directions);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long stepsBefore = solver.Statistics.Steps;
        Run(solver, y, yp, 2.0, 20.0, directions);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(solver.Statistics.Steps - stepsBefore > 50, "enough steps to matter");
        Assert.True(solver.Statistics.RootsFound >= 1, "the root path ran");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FiniteDifferenceJacobian_AndReinitialize_AllocateNothing_AfterWarmUp()
    {
        var system = new HeatSystem(nodes: 30, diffusivity: 0.05, analyticJacobian: false);
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-6 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        solver.AdvanceTo(1.0, y, yp);
        solver.Reinitialize(1.0, y, yp);
        solver.AdvanceTo(2.0, y, yp);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 5; k++)
        {
            solver.Reinitialize(2.0 + k, y, yp);
            solver.AdvanceTo(3.0 + k, y, yp);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Run(BdfSolver solver, double[] y, double[] yp, double from, double to, ReadOnlySpan<int> directions)
    {
        solver.SetRootDirections(directions);
        solver.SetStopTime(to);
        for (int k = 1; k <= 100; k++)
        {
            double t = from + ((to - from) * k / 100.0);
            while (true)
            {
                SolverStatus status = solver.AdvanceTo(t, y, yp);
                if (status != SolverStatus.RootFound)
                {
                    break;
                }
            }
        }

        solver.Interpolate(solver.CurrentTime, y, yp);
        _ = solver.Statistics;
        _ = solver.LastCallStatistics;
    }
}
