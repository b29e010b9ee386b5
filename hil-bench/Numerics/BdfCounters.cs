namespace ChargeTwin.HilBench.Numerics;

/// <summary>The mutable counters behind <see cref="BdfStatistics"/>; a value type so that a snapshot costs nothing.</summary>
internal struct BdfCounters
{
    public long Steps;
    public long ErrorTestFailures;
    public long StepsRejectedForConvergence;
    public long NewtonIterations;
    public long NewtonConvergenceFailures;
    public long ResidualEvaluations;
    public long ResidualEvaluationsForJacobian;
    public long JacobianEvaluations;
    public long Factorizations;
    public long RootFunctionEvaluations;
    public long RootsFound;
    public int MaxOrderUsed;

    public readonly BdfCounters Minus(in BdfCounters earlier) => new()
    {
        Steps = Steps - earlier.Steps,
        ErrorTestFailures = ErrorTestFailures - earlier.ErrorTestFailures,
        StepsRejectedForConvergence = StepsRejectedForConvergence - earlier.StepsRejectedForConvergence,
        NewtonIterations = NewtonIterations - earlier.NewtonIterations,
        NewtonConvergenceFailures = NewtonConvergenceFailures - earlier.NewtonConvergenceFailures,
        ResidualEvaluations = ResidualEvaluations - earlier.ResidualEvaluations,
        ResidualEvaluationsForJacobian = ResidualEvaluationsForJacobian - earlier.ResidualEvaluationsForJacobian,
        JacobianEvaluations = JacobianEvaluations - earlier.JacobianEvaluations,
        Factorizations = Factorizations - earlier.Factorizations,
        RootFunctionEvaluations = RootFunctionEvaluations - earlier.RootFunctionEvaluations,
        RootsFound = RootsFound - earlier.RootsFound,
        MaxOrderUsed = MaxOrderUsed,
    };
}
