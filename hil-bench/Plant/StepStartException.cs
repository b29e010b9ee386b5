using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// An experiment step the plant cannot start from the state the previous step left. <see cref="Exception.Message"/>
/// is one line naming the step and what is in the way; <see cref="Exception.InnerException"/> is the integrator's failure.
/// </summary>
public sealed class StepStartException(int stepIndex, ExperimentStep step, string problem, Exception innerException)
    : Exception($"the plant cannot start step {stepIndex + 1} '{step.Text}': {problem}", innerException)
{
    /// <summary>The step's index in the experiment (0-based).</summary>
    public int StepIndex { get; } = stepIndex;

    public ExperimentStep Step { get; } = step;
}
