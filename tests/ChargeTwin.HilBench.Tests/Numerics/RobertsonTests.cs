using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

/// <summary>
/// Robertson kinetics. Reference values: computed once with SciPy 1.10.1 solve_ivp (Radau, rtol 1e-12,
/// atol 1e-22/1e-24/1e-22) on the equivalent ODE y3' = 3e7 y2²; BDF and LSODA at the same settings agree with it to
/// about 1e-10 relative, and SUNDIALS' own check_ans reference at 4e10 s (rtol 1e-8) to 5e-7.
/// </summary>
public sealed class RobertsonTests
{
    private static readonly double[] Times = [0.4, 4e2, 4e4, 4e6];

    private static readonly double[][] Reference =
    [
        [9.85172113860989573e-01, 3.38639537897495433e-05, 1.47940221852186464e-02],
        [4.50518668471098505e-01, 3.22290144167483043e-06, 5.49478108627459161e-01],
        [3.89833770854818989e-02, 1.62176831590964941e-07, 9.61016460737685874e-01],
        [5.16809601492874515e-04, 2.06829449122619232e-09, 9.99483188330216432e-01],
    ];

    private const double RootTimeY3 = 0.2640190781876676;   // y3 = 0.01
    private const double RootTimeY1 = 20795496.883034736;   // y1 = 1e-4

    [Theory]
    [InlineData(1e-6, 2e-5)]
    [InlineData(1e-8, 2e-7)]
    [InlineData(1e-10, 4e-9)]
    public void Robertson_MatchesReferenceValues_AtFourTimesUpToFourMillionSeconds(double relTol, double allowedRelativeError)
    {
        var solver = new BdfSolver(new RobertsonSystem(), new BdfOptions { RelTol = relTol, AbsTolPerComponent = new[] { relTol * 1e-6, relTol * 1e-10, relTol * 1e-6 } });
        solver.Initialize(0.0, [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]);
        var y = new double[3];
        for (int k = 0; k < Times.Length; k++)
        {
            AdvanceIgnoringRoots(solver, Times[k], y);
            for (int i = 0; i < 3; i++)
            {
                double relative = Math.Abs(y[i] - Reference[k][i]) / Reference[k][i];
                Assert.True(relative <= allowedRelativeError, $"t = {Times[k]}: y{i + 1} = {y[i]:R}, reference {Reference[k][i]:R}, relative error {relative:E2}");
            }
        }

        Assert.True(solver.Statistics.MaxOrderUsed >= 4, "a smooth stiff problem should climb to high order");
    }

    [Fact]
    public void Robertson_FindsBothRoots_AtTheReferenceTimes()
    {
        var solver = new BdfSolver(new RobertsonSystem(), new BdfOptions { RelTol = 1e-10, AbsTolPerComponent = new[] { 1e-16, 1e-20, 1e-16 } });
        solver.Initialize(0.0, [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]);
        var y = new double[3];

        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(4e7, y, []));
        Assert.Equal([0, 1], solver.RootsFired.ToArray()); // y3 rising through 0.01
        Assert.Equal(RootTimeY3, solver.LastRootTime, 1e-8 * RootTimeY3);
        Assert.Equal(0.01, y[2], 1e-12);

        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(4e7, y, []));
        Assert.Equal([-1, 0], solver.RootsFired.ToArray()); // y1 falling through 1e-4
        Assert.Equal(RootTimeY1, solver.LastRootTime, 1e-7 * RootTimeY1);
        Assert.Equal(1e-4, y[0], 1e-14);

        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(4e7, y, []));
        Assert.Equal(2, solver.Statistics.RootsFound);
    }

    /// <summary>
    /// SUNDIALS' idaRoberts_dns example (rtol 1e-4, atol 1e-8/1e-6/1e-6, all components in the error test, IDA's
    /// initial step from the same y'(0)) prints, with IDA 7.5: the y3 root after 27 steps at order 2, and 29, 43, 68, 95,
    /// 126, 161, 202 steps at t = 0.4 … 4e5. Our integrator follows the same algorithm, so it takes the same steps
    /// (allowing ±2 for rounding, which differs: dense LU there, block elimination here).
    /// </summary>
    [Fact]
    public void Robertson_TakesTheSameStepsAsIdasPublishedExample()
    {
        var options = new BdfOptions { RelTol = 1e-4, AbsTolPerComponent = new[] { 1e-8, 1e-6, 1e-6 }, SuppressAlgebraicInErrorTest = false };
        var solver = new BdfSolver(new RobertsonSystem(), options);
        solver.Initialize(0.0, [1.0, 0.0, 0.0], [-0.04, 0.04, 0.0]);
        var y = new double[3];

        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(0.4, y, []));
        Assert.Equal(27, solver.Statistics.Steps);
        Assert.Equal(2, solver.Statistics.LastOrder);
        Assert.Equal(0.26402, solver.LastRootTime, 5e-6);

        (double T, long Steps, double Y1)[] ida =
        [
            (0.4, 29, 9.8517e-01), (4.0, 43, 9.0553e-01), (40.0, 68, 7.1579e-01), (400.0, 95, 4.5044e-01),
            (4000.0, 126, 1.8320e-01), (40000.0, 161, 3.8992e-02), (400000.0, 202, 4.9369e-03),
        ];
        foreach (var (t, steps, y1) in ida)
        {
            Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(t, y, []));
            Assert.InRange(solver.Statistics.Steps, steps - 2, steps + 2);
            Assert.Equal(y1, y[0], 0.5e-4 * y1 + 1e-12); // IDA prints 5 digits
        }

        // The whole run to 4e10 s (IDA: 362 steps, 15 error-test failures, 60 Jacobians) stays in the same range.
        double tOut = 4e6;
        while (tOut <= 4e10)
        {
            if (solver.AdvanceTo(tOut, y, []) == SolverStatus.Reached)
            {
                tOut *= 10;
            }
        }

        Assert.InRange(solver.Statistics.Steps, 330, 400);
        Assert.Equal(2, solver.Statistics.RootsFound);
    }

    [Fact]
    public void Robertson_WithFiniteDifferenceJacobian_AgreesWithTheAnalyticJacobian()
    {
        var options = new BdfOptions { RelTol = 1e-8, AbsTolPerComponent = new[] { 1e-14, 1e-18, 1e-14 } };
        var analytic = new BdfSolver(new RobertsonSystem(analyticJacobian: true), options);
        var numeric = new BdfSolver(new RobertsonSystem(analyticJacobian: false), options);
        analytic.Initialize(0.0, [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]);
        numeric.Initialize(0.0, [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]);
        var ya = new double[3];
        var yn = new double[3];
        foreach (double t in Times)
        {
            AdvanceIgnoringRoots(analytic, t, ya);
            AdvanceIgnoringRoots(numeric, t, yn);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(ya[i], yn[i], 1e-6 * Math.Abs(ya[i]));
            }
        }

        Assert.Equal(0, analytic.Statistics.ResidualEvaluationsForJacobian);
        Assert.True(numeric.Statistics.ResidualEvaluationsForJacobian >= 3 * numeric.Statistics.JacobianEvaluations);
    }

    private static void AdvanceIgnoringRoots(BdfSolver solver, double t, double[] y)
    {
        while (solver.AdvanceTo(t, y, []) != SolverStatus.Reached)
        {
        }
    }
}
