namespace ChargeTwin.HilBench.Numerics;

/// <summary>How <see cref="BdfSolver.AdvanceTo"/> returned. Failures are not statuses: they throw <see cref="BdfSolverException"/>.</summary>
public enum SolverStatus
{
    /// <summary>The requested output time was reached; the output holds y(tOut) from the interpolant.</summary>
    Reached,

    /// <summary>A root function changed sign first; the output holds y at <see cref="BdfSolver.LastRootTime"/>.</summary>
    RootFound,

    /// <summary>The stop time was reached (exactly, never passed); the output holds y(tStop). The stop time is then cleared.</summary>
    StopTimeReached,
}
