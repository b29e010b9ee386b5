using System.Text;
using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>The safety monitor's diagnosis table (controller/Safety/diagnosis-table.yaml's format) through <see cref="DiagnosisTableLoader.Parse"/>, then a monitor built on it.</summary>
internal static class DiagnosisTarget
{
    public const string File = "fuzz-diagnosis.yaml";

    public static string Run(ReadOnlySpan<byte> data)
    {
        try
        {
            var table = DiagnosisTableLoader.Parse(Encoding.UTF8.GetString(data), File);
            var monitor = new SafetyMonitor(table);
            var inputs = default(SafetyInputs);
            for (var tick = 0; tick < 3; tick++)
            {
                monitor.Tick(inputs);
            }

            return Outcome.Ok($"{table.Rows.Count} rows, verdict after 3 ticks of zero inputs: {monitor.Verdict.Reaction}");
        }
        catch (DiagnosisTableException e)
        {
            return Outcome.Refused(e, File);
        }
    }
}
