using System.Globalization;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// The loop's timing as a run's decision log recorded it — from each row where the overrun or skipped-release count
/// grew — so that a replay runs the ticks the run ran, with the overrun counts the monitor saw, and nothing else.
/// A log without overruns gives every tick and zero overruns (what a replay without it assumes).
/// </summary>
public sealed class LoopTiming
{
    private readonly SortedDictionary<long, (long Overruns, long Skipped)> _changes = [];
    private readonly HashSet<long> _skippedTicks = [];

    /// <summary>Every tick run, no overruns.</summary>
    public static LoopTiming Ideal { get; } = new();

    /// <summary>Reads a decision log (<see cref="DecisionLog"/>); one line naming file and line when it is not one.</summary>
    public static LoopTiming Read(string path, long tickNs)
    {
        var timing = new LoopTiming();
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != DecisionLog.Header)
        {
            throw new HostInputException($"{path}:1: not a decision log of chargetwin-controller run (expected the header {DecisionLog.Header[..40]}…)");
        }

        long overruns = 0, skipped = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',', 20);
            if (cells.Length < 20
                || !double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t_s)
                || !long.TryParse(cells[17], NumberStyles.None, CultureInfo.InvariantCulture, out var o)
                || !long.TryParse(cells[18], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                || o < overruns || s < skipped)
            {
                throw new HostInputException($"{path}:{i + 1}: not a decision-log row (t_s, …, overruns, skipped counting up, reason)");
            }

            var t = (long)Math.Round(t_s * 1e9);
            if (o == overruns && s == skipped)
            {
                continue;
            }

            for (var j = 1; j <= s - skipped; j++)
            {
                timing._skippedTicks.Add(t - (j * tickNs));
            }

            timing._changes[t] = (o, s);
            (overruns, skipped) = (o, s);
        }

        return timing;
    }

    /// <summary>Whether the run skipped the release at <paramref name="tNs"/>.</summary>
    public bool Skipped(long tNs) => _skippedTicks.Contains(tNs);

    /// <summary>The counts in force at the tick <paramref name="tNs"/>.</summary>
    public (long Overruns, long Skipped) At(long tNs)
    {
        (long, long) now = (0, 0);
        foreach (var (t, counts) in _changes)
        {
            if (t > tNs)
            {
                break;
            }

            now = counts;
        }

        return now;
    }
}
