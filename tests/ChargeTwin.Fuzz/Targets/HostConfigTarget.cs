using System.Text;
using ChargeTwin.ControllerHost.Config;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>The controller host's configuration (controller/config/*.yaml) through <see cref="HostConfigLoader.Parse"/>.</summary>
internal static class HostConfigTarget
{
    public const string File = "fuzz-host.yaml";

    public static string Run(ReadOnlySpan<byte> data)
    {
        try
        {
            var c = HostConfigLoader.Parse(Encoding.UTF8.GetString(data), File, "/fuzz");
            return Outcome.Ok($"{c.Transport}, tick {c.TickNs} ns, solver every {c.SolverDivisor}, cell {c.Cell.Length} chars, target {c.TargetSoc?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }
        catch (HostConfigException e)
        {
            return Outcome.Refused(e, File);
        }
    }
}
