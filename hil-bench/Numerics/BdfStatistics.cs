namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Work counters of <see cref="BdfSolver"/> (cumulative, or for one call: see <see cref="BdfSolver.Statistics"/> and
/// <see cref="BdfSolver.LastCallStatistics"/>) and the integrator's state when they were taken.
/// </summary>
public readonly record struct BdfStatistics
{
    /// <summary>Successful internal steps.</summary>
    public long Steps { get; init; }

    /// <summary>Step attempts rejected by the local error test.</summary>
    public long ErrorTestFailures { get; init; }

    /// <summary>Step attempts rejected because the Newton iteration failed (or the iteration matrix was singular).</summary>
    public long StepsRejectedForConvergence { get; init; }

    /// <summary>Newton iterations (each one linear solve), including those of consistent initialisation.</summary>
    public long NewtonIterations { get; init; }

    /// <summary>Newton iterations sequences that did not converge, including those retried at once with a fresh Jacobian.</summary>
    public long NewtonConvergenceFailures { get; init; }

    /// <summary>Residual evaluations, all of them (including <see cref="ResidualEvaluationsForJacobian"/>).</summary>
    public long ResidualEvaluations { get; init; }

    /// <summary>Residual evaluations spent on finite-difference Jacobians.</summary>
    public long ResidualEvaluationsForJacobian { get; init; }

    /// <summary>Jacobian evaluations (analytic or finite-difference).</summary>
    public long JacobianEvaluations { get; init; }

    /// <summary>LU factorisations of the iteration matrix.</summary>
    public long Factorizations { get; init; }

    /// <summary>Root (event) function evaluations.</summary>
    public long RootFunctionEvaluations { get; init; }

    /// <summary>Returns with <see cref="SolverStatus.RootFound"/>.</summary>
    public long RootsFound { get; init; }

    /// <summary>Highest order used by a successful step.</summary>
    public int MaxOrderUsed { get; init; }

    /// <summary>Order of the last successful step (0 before the first).</summary>
    public int LastOrder { get; init; }

    /// <summary>Order the next step will try.</summary>
    public int CurrentOrder { get; init; }

    /// <summary>Size of the last successful step [s] (0 before the first).</summary>
    public double LastStepSize { get; init; }

    /// <summary>Step size the next step will try [s].</summary>
    public double CurrentStepSize { get; init; }

    /// <summary>Time the integrator has reached (end of the last step) [s].</summary>
    public double CurrentTime { get; init; }
}
