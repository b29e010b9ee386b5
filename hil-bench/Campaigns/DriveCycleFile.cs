using System.Globalization;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Drive-cycle profiles as PyBaMM ships them (two columns, '#' comments): current [A] with discharge
/// positive, or power [kW] (WLTC). A bare name (UDDS, US06, WLTC) is the copy in the build's data/drive_cycles/.
/// </summary>
internal static class DriveCycleFile
{
    public static (double[] Time_s, double[] Value, bool IsPower) Read(YamlReader<CampaignException> y, YamlNode node, string field, string profile, string baseDirectory)
    {
        var builtIn = Path.Combine(AppContext.BaseDirectory, "data", "drive_cycles", profile + ".csv");
        var path = !profile.Contains('/', StringComparison.Ordinal) && !profile.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && File.Exists(builtIn)
            ? builtIn
            : Path.GetFullPath(Path.Combine(baseDirectory, profile));
        if (!File.Exists(path))
        {
            throw y.Error(node, field, $"'{profile}': file not found (built-in: UDDS, US06, WLTC; else a CSV path relative to the campaign file)");
        }

        var time = new List<double>();
        var value = new List<double>();
        var isPower = false;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                isPower |= line.Contains("power", StringComparison.OrdinalIgnoreCase) && line.Contains("kW", StringComparison.Ordinal);
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new CampaignException(path, lineNumber, "drive cycle", $"expected 'time, value', got '{line}'");
            }

            if (time.Count > 0 && !(t > time[^1]))
            {
                throw new CampaignException(path, lineNumber, "drive cycle", "time must increase");
            }

            time.Add(t);
            value.Add(isPower ? v * 1000 : v);
        }

        if (time.Count < 2)
        {
            throw y.Error(node, field, $"'{profile}': the profile has fewer than two rows");
        }

        return (time.ToArray(), value.ToArray(), isPower);
    }
}
