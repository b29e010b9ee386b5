using System.Text;
using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>Experiment steps (one per line of the input, PyBaMM's wording) through <see cref="ExperimentParser.Parse"/>.</summary>
internal static class ExperimentTarget
{
    public static string Run(ReadOnlySpan<byte> data)
    {
        var steps = Encoding.UTF8.GetString(data).Split('\n');
        try
        {
            return Outcome.Ok($"{ExperimentParser.Parse(steps).Count} steps");
        }
        catch (ExperimentParseException e)
        {
            return Outcome.Refused(e, e.Step.Length > 0 ? "experiment step '" : "experiment: ");
        }
    }
}
