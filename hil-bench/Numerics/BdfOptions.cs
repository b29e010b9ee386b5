namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Tolerances, limits and step-control constants of <see cref="BdfSolver"/>. Every default is stated here and
/// asserted by a test; the step-control defaults are those of SUNDIALS IDA.
/// </summary>
public sealed record BdfOptions
{
    /// <summary>The defaults, as documented on each property.</summary>
    public static BdfOptions Default { get; } = new();

    /// <summary>Relative tolerance. Default 1e-6.</summary>
    public double RelTol { get; init; } = 1e-6;

    /// <summary>Absolute tolerance for every component (unless <see cref="AbsTolPerComponent"/> is given). Default 1e-8.</summary>
    public double AbsTol { get; init; } = 1e-8;

    /// <summary>Absolute tolerance per component (length = system size); empty (default) means <see cref="AbsTol"/> for all.</summary>
    public ReadOnlyMemory<double> AbsTolPerComponent { get; init; }

    /// <summary>Maximum BDF order, 1–5. Default 5.</summary>
    public int MaxOrder { get; init; } = 5;

    /// <summary>Largest step [s]. Default +∞.</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// First step [s]; 0 (default) = automatic: h₀ = 0.5/‖y'(t₀)‖ (weighted RMS over the error-tested components),
    /// at most 1e-3 of the distance to the stop time when one is set, 1e-3·max(1 s, |t₀|) when y'(t₀) = 0 and no stop
    /// time is set; then at most <see cref="MaxStep"/>. Unlike IDA, it never depends on the first output time, so
    /// results do not depend on the output grid.
    /// </summary>
    public double InitialStep { get; init; }

    /// <summary>
    /// Upper bound on the automatic initial step (and on the artificial step of the consistent-initialisation
    /// Newton iteration). Default +∞. A state at rest with a slow side reaction has a tiny ‖y'‖, and 0.5/‖y'‖
    /// would then be far longer than the system's own time scales.
    /// </summary>
    public double MaxInitialStep { get; init; } = double.PositiveInfinity;

    /// <summary>Maximum internal steps in one <see cref="BdfSolver.AdvanceTo"/> call. Default 5000.</summary>
    public int MaxSteps { get; init; } = 5000;

    /// <summary>Maximum Newton iterations per step attempt. Default 4 (IDA).</summary>
    public int MaxNewtonIterations { get; init; } = 4;

    /// <summary>Newton convergence test: the estimated remaining correction (weighted RMS) must be below this. Default 0.33 (IDA's epcon).</summary>
    public double NewtonConvergenceCoefficient { get; init; } = 0.33;

    /// <summary>Maximum error-test failures on one step. Default 10.</summary>
    public int MaxErrorTestFailures { get; init; } = 10;

    /// <summary>Maximum Newton convergence failures on one step. Default 10.</summary>
    public int MaxConvergenceFailures { get; init; } = 10;

    /// <summary>Leave algebraic components out of the local error test (IDA's suppressalg). Default true.</summary>
    public bool SuppressAlgebraicInErrorTest { get; init; } = true;

    /// <summary>Re-evaluate the Jacobian at least every this many steps; 0 (default) = only when needed (as IDA).</summary>
    public int MaxStepsBetweenJacobians { get; init; }

    /// <summary>
    /// The Jacobian is re-evaluated when cj/cj_old leaves [(1 − d)/(1 + d), (1 + d)/(1 − d)]. Default 0.25 (IDA's dcj).
    /// </summary>
    public double JacobianCjChangeLimit { get; init; } = 0.25;

    /// <summary>Largest step growth factor after a successful step. Default 2 (IDA's eta_max).</summary>
    public double MaxStepGrowth { get; init; } = 2.0;

    /// <summary>The step grows only if the error estimate allows at least this factor. Default 2 (IDA's eta_max_fx).</summary>
    public double StepGrowthThreshold { get; init; } = 2.0;

    /// <summary>The step shrinks after a success only if the error estimate asks for a factor at most this. Default 1 (IDA's eta_min_fx).</summary>
    public double StepShrinkThreshold { get; init; } = 1.0;

    /// <summary>Smallest shrink factor after a successful step. Default 0.5 (IDA's eta_min).</summary>
    public double MinStepShrink { get; init; } = 0.5;

    /// <summary>Largest shrink factor when shrinking (after a success or a first error-test failure). Default 0.9 (IDA's eta_low).</summary>
    public double MaxStepShrink { get; init; } = 0.9;

    /// <summary>Smallest shrink factor after an error-test failure; also the factor after the second and later. Default 0.25 (IDA's eta_min_ef).</summary>
    public double ErrorTestFailureShrink { get; init; } = 0.25;

    /// <summary>Shrink factor after a Newton convergence failure. Default 0.25 (IDA's eta_cf).</summary>
    public double ConvergenceFailureShrink { get; init; } = 0.25;

    /// <summary>Consistent initialisation: Newton tolerance as a fraction of <see cref="NewtonConvergenceCoefficient"/>. Default 0.01 (IDA's epiccon = 0.01·epcon).</summary>
    public double InitialConditionToleranceFactor { get; init; } = 0.01;

    /// <summary>Consistent initialisation: Newton iterations per Jacobian. Default 10 (IDA's maxnit).</summary>
    public int InitialConditionMaxNewtonIterations { get; init; } = 10;

    /// <summary>Consistent initialisation: Jacobian evaluations per attempt. Default 4 (IDA's maxnj).</summary>
    public int InitialConditionMaxJacobians { get; init; } = 4;

    /// <summary>Consistent initialisation: attempts, each with a 10× smaller artificial step. Default 5 (IDA's maxnh).</summary>
    public int InitialConditionMaxAttempts { get; init; } = 5;

    /// <summary>Consistent initialisation: line-search halvings per Newton step. Default 100 (IDA's maxbacks).</summary>
    public int InitialConditionMaxBacktracks { get; init; } = 100;

    internal void Validate(int size)
    {
        Require(RelTol >= 0 && double.IsFinite(RelTol), nameof(RelTol), "must be finite and ≥ 0");
        Require(AbsTol >= 0 && double.IsFinite(AbsTol), nameof(AbsTol), "must be finite and ≥ 0");
        Require(AbsTolPerComponent.IsEmpty || AbsTolPerComponent.Length == size, nameof(AbsTolPerComponent), $"must be empty or have {size} entries");
        foreach (double a in AbsTolPerComponent.Span)
        {
            Require(a >= 0 && double.IsFinite(a), nameof(AbsTolPerComponent), "entries must be finite and ≥ 0");
        }

        Require(MaxOrder is >= 1 and <= 5, nameof(MaxOrder), "must lie in 1..5");
        Require(MaxStep > 0, nameof(MaxStep), "must be positive");
        Require(InitialStep >= 0 && double.IsFinite(InitialStep), nameof(InitialStep), "must be finite and ≥ 0 (0 = automatic)");
        Require(MaxInitialStep > 0, nameof(MaxInitialStep), "must be positive");
        Require(MaxSteps > 0, nameof(MaxSteps), "must be positive");
        Require(MaxNewtonIterations > 0, nameof(MaxNewtonIterations), "must be positive");
        Require(NewtonConvergenceCoefficient > 0, nameof(NewtonConvergenceCoefficient), "must be positive");
        Require(MaxErrorTestFailures > 0, nameof(MaxErrorTestFailures), "must be positive");
        Require(MaxConvergenceFailures > 0, nameof(MaxConvergenceFailures), "must be positive");
        Require(MaxStepsBetweenJacobians >= 0, nameof(MaxStepsBetweenJacobians), "must be ≥ 0 (0 = only when needed)");
        Require(JacobianCjChangeLimit is > 0 and < 1, nameof(JacobianCjChangeLimit), "must lie in (0, 1)");
        Require(MaxStepGrowth >= 1, nameof(MaxStepGrowth), "must be ≥ 1");
        Require(StepGrowthThreshold >= 1, nameof(StepGrowthThreshold), "must be ≥ 1");
        Require(StepShrinkThreshold is > 0 and <= 1, nameof(StepShrinkThreshold), "must lie in (0, 1]");
        Require(MinStepShrink is > 0 and < 1, nameof(MinStepShrink), "must lie in (0, 1)");
        Require(MaxStepShrink >= MinStepShrink && MaxStepShrink < 1, nameof(MaxStepShrink), "must lie in [MinStepShrink, 1)");
        Require(ErrorTestFailureShrink is > 0 and < 1, nameof(ErrorTestFailureShrink), "must lie in (0, 1)");
        Require(ConvergenceFailureShrink is > 0 and < 1, nameof(ConvergenceFailureShrink), "must lie in (0, 1)");
        Require(InitialConditionToleranceFactor > 0, nameof(InitialConditionToleranceFactor), "must be positive");
        Require(InitialConditionMaxNewtonIterations > 0, nameof(InitialConditionMaxNewtonIterations), "must be positive");
        Require(InitialConditionMaxJacobians > 0, nameof(InitialConditionMaxJacobians), "must be positive");
        Require(InitialConditionMaxAttempts > 0, nameof(InitialConditionMaxAttempts), "must be positive");
        Require(InitialConditionMaxBacktracks > 0, nameof(InitialConditionMaxBacktracks), "must be positive");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"BdfOptions.{name} {rule}.", name);
        }
    }
}
