namespace ChargeTwin.HilBench.Link;

/// <summary>
/// What a real-time HIL scenario measured of the external controller on the wire and of the bench's own loop
/// (<see cref="SetpointTiming"/> defines the latency and the missed cycles).
/// </summary>
/// <param name="ControllerHeardAt_s">When the controller's first frame arrived [s of the scenario; NaN: never].</param>
/// <param name="Setpoints">PS_Setpoint frames that arrived.</param>
/// <param name="Latencies">New setpoints whose sample → setpoint latency was measured.</param>
/// <param name="LatencyP50_ms">Sample → setpoint latency, median [ms].</param>
/// <param name="LatencyP99_ms">… 99th percentile [ms].</param>
/// <param name="LatencyMax_ms">… longest [ms].</param>
/// <param name="MissedCycles">PS_Setpoint cycles missed (no frame within half a cycle of its due time).</param>
/// <param name="LongestGap_ms">The longest time between two setpoints [ms].</param>
/// <param name="BenchOverruns">Bench ticks still running at the next release.</param>
/// <param name="BenchSkippedReleases">Releases the bench's loop skipped after them.</param>
/// <param name="BenchWakeupP99_ms">The bench loop's wake-up latency, 99th percentile [ms].</param>
/// <param name="ControllerStopped">After the scenario, with the output held off, the controller fell silent (it ended its run).</param>
public sealed record RealTimeStatistics(
    double ControllerHeardAt_s,
    long Setpoints,
    long Latencies,
    double LatencyP50_ms,
    double LatencyP99_ms,
    double LatencyMax_ms,
    long MissedCycles,
    double LongestGap_ms,
    long BenchOverruns,
    long BenchSkippedReleases,
    double BenchWakeupP99_ms,
    bool ControllerStopped)
{
    public static RealTimeStatistics Of(RealTimeBus bus, CanLink link, bool controllerStopped)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(link);
        var t = bus.Timing;
        var n = t.Latency.Count;

        // The histogram gives a percentile as the top of its bucket; none is above the longest latency seen.
        double Percentile(double p) => Math.Min(t.Latency.Percentile(p), t.Latency.Max) / 1e6;
        return new(
            link.ControllerHeardAtNs is { } heard ? heard / 1e9 : double.NaN,
            t.Setpoints,
            n,
            n == 0 ? double.NaN : Percentile(50),
            n == 0 ? double.NaN : Percentile(99),
            n == 0 ? double.NaN : t.Latency.Max / 1e6,
            t.MissedCycles,
            t.LongestGapNs / 1e6,
            bus.Loop.Overruns,
            bus.Loop.SkippedReleases,
            bus.Loop.Latency.Percentile(99) / 1e6,
            controllerStopped);
    }
}
