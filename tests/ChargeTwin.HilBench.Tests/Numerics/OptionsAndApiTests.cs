using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class OptionsAndApiTests
{
    [Fact]
    public void Options_HaveTheDocumentedDefaults()
    {
        var o = new BdfOptions();
        Assert.Equal(1e-6, o.RelTol);
        Assert.Equal(1e-8, o.AbsTol);
        Assert.True(o.AbsTolPerComponent.IsEmpty);
        Assert.Equal(5, o.MaxOrder);
        Assert.Equal(double.PositiveInfinity, o.MaxStep);
        Assert.Equal(0.0, o.InitialStep);
        Assert.Equal(double.PositiveInfinity, o.MaxInitialStep);
        Assert.Equal(5000, o.MaxSteps);
        Assert.Equal(4, o.MaxNewtonIterations);
        Assert.Equal(0.33, o.NewtonConvergenceCoefficient);
        Assert.Equal(10, o.MaxErrorTestFailures);
        Assert.Equal(10, o.MaxConvergenceFailures);
        Assert.True(o.SuppressAlgebraicInErrorTest);
        Assert.Equal(0, o.MaxStepsBetweenJacobians);
        Assert.Equal(0.25, o.JacobianCjChangeLimit);
        Assert.Equal(2.0, o.MaxStepGrowth);
        Assert.Equal(2.0, o.StepGrowthThreshold);
        Assert.Equal(1.0, o.StepShrinkThreshold);
        Assert.Equal(0.5, o.MinStepShrink);
        Assert.Equal(0.9, o.MaxStepShrink);
        Assert.Equal(0.25, o.ErrorTestFailureShrink);
        Assert.Equal(0.25, o.ConvergenceFailureShrink);
        Assert.Equal(0.01, o.InitialConditionToleranceFactor);
        Assert.Equal(10, o.InitialConditionMaxNewtonIterations);
        Assert.Equal(4, o.InitialConditionMaxJacobians);
        Assert.Equal(5, o.InitialConditionMaxAttempts);
        Assert.Equal(100, o.InitialConditionMaxBacktracks);
        Assert.Equal(o, BdfOptions.Default);
    }

    [Fact]
    public void Options_ThatMakeNoSense_AreRejectedWithTheirName()
    {
        var system = new EventSystem();
        var e = Assert.Throws<ArgumentException>(() => new BdfSolver(system, new BdfOptions { MaxOrder = 6 }));
        Assert.Contains("MaxOrder", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BdfSolver(system, new BdfOptions { AbsTolPerComponent = new[] { 1e-8 } }));
        Assert.Throws<ArgumentException>(() => new BdfSolver(system, new BdfOptions { RelTol = -1 }));
    }

    [Fact]
    public void InterpolateDerivative_AgreesWithInterpolate_AndGivesTheSecondDerivative()
    {
        var solver = new BdfSolver(new EventSystem(), new BdfOptions { RelTol = 1e-10, AbsTol = 1e-12 });
        solver.Initialize(0.0, [0.0, 1.0], [0.0, 0.0]);
        solver.SetRootDirections([1, 1, 1]);
        var y = new double[2];
        var yp = new double[2];
        Assert.Equal(SolverStatus.RootFound, solver.AdvanceTo(2.0, y, yp)); // g2 at 1.5
        Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(2.0, y, yp));
        double t = solver.CurrentTime - (0.3 * solver.Statistics.LastStepSize);
        solver.Interpolate(t, y, yp);
        var d0 = new double[2];
        var d1 = new double[2];
        var d2 = new double[2];
        solver.InterpolateDerivative(t, 0, d0);
        solver.InterpolateDerivative(t, 1, d1);
        solver.InterpolateDerivative(t, 2, d2);
        Assert.Equal(y[1], d0[1], 1e-14);
        Assert.Equal(yp[1], d1[1], 1e-13);
        Assert.Equal(Math.Exp(-t), d2[1], 1e-5); // (e^{-t})'' = e^{-t}
        Assert.Equal(0.0, d2[0], 1e-9);          // t'' = 0
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.Interpolate(solver.CurrentTime + 1.0, y, yp));
    }

    [Fact]
    public void Failure_ThrowsWithAMessageThatStatesTimeStepAndWhy()
    {
        var solver = new BdfSolver(new BlowUpSystem(), new BdfOptions { MaxConvergenceFailures = 5 });
        solver.Initialize(12.3, [1.0], [0.0]);
        var y = new double[1];
        var e = Assert.Throws<BdfSolverException>(() => solver.AdvanceTo(20.0, y, []));
        Assert.Equal(BdfFailure.ConvergenceFailures, e.Failure);
        Assert.StartsWith("Newton failed to converge 5 times at t = 12.3 s, h = ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(" s.", e.Message, StringComparison.Ordinal);
        Assert.Equal(12.3, e.Time);
        Assert.True(e.StepSize > 0);
    }

    [Fact]
    public void TooManySteps_Throws_ButTheSolverStaysUsable()
    {
        var system = new HeatSystem(nodes: 10, diffusivity: 0.1);
        var solver = new BdfSolver(system, new BdfOptions { MaxSteps = 5 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        var e = Assert.Throws<BdfSolverException>(() => solver.AdvanceTo(10.0, y, yp));
        Assert.Equal(BdfFailure.TooManySteps, e.Failure);
        double reached = solver.CurrentTime;
        Assert.Throws<BdfSolverException>(() => solver.AdvanceTo(10.0, y, yp));
        Assert.True(solver.CurrentTime > reached);
    }

    /// <summary>y' = −y, but the residual is NaN after t = 12.3: no step can be taken from there.</summary>
    private sealed class BlowUpSystem : IDaeSystem
    {
        private static readonly bool[] Differential = [true];

        public JacobianLayout Layout { get; } = new(1, 1, 0, 0);

        public ReadOnlySpan<bool> IsDifferential => Differential;

        public int RootCount => 0;

        public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual) =>
            residual[0] = t > 12.3 ? double.NaN : yp[0] + y[0];

        public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
        {
            jacobian.Add(0, 0, cj + 1.0);
            return true;
        }

        public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
        {
        }
    }
}
