namespace ChargeTwin.HilBench.Numerics;

/// <summary>The integrator could not continue; the message states t, h and why.</summary>
public sealed class BdfSolverException : Exception
{
    public BdfSolverException()
    {
    }

    public BdfSolverException(string message)
        : base(message)
    {
    }

    public BdfSolverException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BdfSolverException(BdfFailure failure, double time, double stepSize, string message)
        : base(message)
    {
        Failure = failure;
        Time = time;
        StepSize = stepSize;
    }

    public BdfFailure Failure { get; }

    /// <summary>The integrator's time when it gave up [s].</summary>
    public double Time { get; }

    /// <summary>The step size it last tried [s].</summary>
    public double StepSize { get; }
}
