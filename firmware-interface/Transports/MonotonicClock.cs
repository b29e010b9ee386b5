using System.Diagnostics;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>The default receive-time stamp of transports: monotonic nanoseconds from <see cref="Stopwatch"/>.</summary>
public static class MonotonicClock
{
    /// <summary>Now, in nanoseconds of an arbitrary monotonic origin.</summary>
    public static long NowNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
}
