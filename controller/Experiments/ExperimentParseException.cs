namespace ChargeTwin.Controller.Experiments;

/// <summary>An experiment step that cannot be read; the message names the step and the problem.</summary>
public sealed class ExperimentParseException(string step, string problem)
    : Exception(step.Length > 0 ? $"experiment step '{step}': {problem}" : $"experiment: {problem}")
{
    public string Step { get; } = step;
}
