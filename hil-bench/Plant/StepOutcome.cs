using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.HilBench.Plant;

/// <summary>Why an experiment step ended.</summary>
public enum StepEnd
{
    Duration,
    Condition,
    AlreadyMet,
    TimeLimit,
}

/// <summary>One finished experiment step.</summary>
public sealed record StepOutcome(ExperimentStep Step, double Start_s, double End_s, StepEnd End);
