using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class ConvergenceTests
{
    [Fact]
    public void LinearStiffSystem_GlobalErrorShrinks_AsTheToleranceIsTightened_AndHigherOrdersAreUsed()
    {
        var system = new LinearStiffSystem();
        double[] y0 = [1.0, 2.0];
        double[] exact = system.Exact(10.0, y0);
        double previousError = double.PositiveInfinity;
        long previousSteps = 0;
        foreach (double tolerance in new[] { 1e-4, 1e-6, 1e-8, 1e-10 })
        {
            var solver = new BdfSolver(system, new BdfOptions { RelTol = tolerance, AbsTol = tolerance * 1e-6 });
            solver.Initialize(0.0, y0, [0.0, 0.0]);
            var y = new double[2];
            double maxError = 0;
            foreach (double t in new[] { 0.001, 0.1, 1.0, 3.0, 10.0 })
            {
                Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(t, y, []));
                double[] e = system.Exact(t, y0);
                maxError = Math.Max(maxError, Math.Max(Math.Abs(y[0] - e[0]), Math.Abs(y[1] - e[1])) / Math.Max(Math.Abs(e[0]), Math.Abs(e[1])));
            }

            // Tolerance proportionality: the error (relative to the solution, which decays as e^{-t}) falls by at least
            // a factor 5 per 100× tighter tolerance (about 10–80 here)...
            Assert.True(maxError < previousError / 5.0, $"tol {tolerance}: error {maxError:E2} after {previousError:E2}");
            // ...and stays within a modest multiple of the tolerance (control is per step, so the relative error of
            // the decaying tail grows linearly in time: ~40× tol at t = 10).
            Assert.True(maxError < 100.0 * tolerance, $"tol {tolerance}: error {maxError:E2}");
            Assert.True(solver.Statistics.Steps > previousSteps);
            Assert.True(solver.Statistics.MaxOrderUsed >= 3, $"tol {tolerance}: max order {solver.Statistics.MaxOrderUsed}");
            Assert.Equal(exact[0], y[0], 100.0 * tolerance * Math.Abs(exact[0]));
            previousError = maxError;
            previousSteps = solver.Statistics.Steps;
        }
    }
}
