namespace ChargeTwin.HilBench.Numerics;

/// <summary>Why the integrator gave up (carried by <see cref="BdfSolverException"/>).</summary>
public enum BdfFailure
{
    /// <summary>The local error test failed <see cref="BdfOptions.MaxErrorTestFailures"/> times on one step.</summary>
    ErrorTestFailures,

    /// <summary>The Newton iteration failed (or the iteration matrix was singular) <see cref="BdfOptions.MaxConvergenceFailures"/> times on one step.</summary>
    ConvergenceFailures,

    /// <summary>The step size fell below the resolution of t.</summary>
    StepSizeTooSmall,

    /// <summary><see cref="BdfOptions.MaxSteps"/> steps were taken in one call without reaching the output time. The solver stays usable.</summary>
    TooManySteps,

    /// <summary>The tolerances ask for more accuracy than double precision holds.</summary>
    TooMuchAccuracyRequested,

    /// <summary>An error weight is not positive (an absolute tolerance of 0 on a component that is 0).</summary>
    BadErrorWeights,

    /// <summary>Consistent initial conditions could not be computed.</summary>
    InitialConditionsFailed,

    /// <summary>A root function is zero both at a returned root and just after it.</summary>
    RootsTooClose,
}
