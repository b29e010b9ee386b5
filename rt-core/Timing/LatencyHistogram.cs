using HdrHistogram;

namespace ChargeTwin.RtCore.Timing;

/// <summary>
/// Latencies [ns] in an HDR histogram (3 significant digits from 1 ns to 10 s): recording allocates nothing and takes
/// constant time, so the loop thread records every wake-up; percentiles are read off it by whoever reports. A value
/// outside the range is clamped into it (and counted), never thrown on the loop thread.
/// </summary>
public sealed class LatencyHistogram
{
    private const long Highest_ns = 10_000_000_000L;
    private readonly LongHistogram _histogram = new(Highest_ns, 3);
    private long _clamped;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    public long Count => _histogram.TotalCount;

    /// <summary>Values outside [0, 10 s] recorded at the nearer end.</summary>
    public long Clamped => _clamped;

    public void Record(long ns)
    {
        if (ns < 0 || ns > Highest_ns)
        {
            _clamped++;
            ns = Math.Clamp(ns, 0, Highest_ns);
        }

        _histogram.RecordValue(ns);
        _min = Math.Min(_min, ns);
        _max = Math.Max(_max, ns);
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100) [ns]: the smallest recorded value (to 3 digits) that many percent are at or below.</summary>
    public long Percentile(double percentile) => Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile);

    /// <summary>The exact smallest and largest recorded values [ns].</summary>
    public long Min => Count == 0 ? 0 : _min;

    public long Max => Count == 0 ? 0 : _max;

    public double Mean => Count == 0 ? 0 : _histogram.GetMean();

    public void Reset()
    {
        _histogram.Reset();
        _clamped = 0;
        _min = long.MaxValue;
        _max = long.MinValue;
    }

    /// <summary>min / mean / p99 / p99.9 / max in µs, one line (for reports and the host's <c>jitter</c>).</summary>
    public string Summary() => System.FormattableString.Invariant(
        $"n {Count}, min {Min / 1e3:0.0} µs, mean {Mean / 1e3:0.0} µs, p99 {Percentile(99) / 1e3:0.0} µs, p99.9 {Percentile(99.9) / 1e3:0.0} µs, max {Max / 1e3:0.0} µs");
}
