using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Timing;

namespace ChargeTwin.RtCore.Loop;

/// <summary>
/// A periodic task on absolute deadlines: release k is start + k·period, whatever the previous ticks took, so the
/// loop never drifts. Each wake-up's latency (woken − release) goes to the histogram. A tick still running at the next
/// release is an overrun: counted, and the loop skips to the next release in the future rather than bursting to catch
/// up (the skipped releases are counted too) — what a control loop must do, since a late decision on stale data is
/// worse than the next one on time. The same code runs on <see cref="MonotonicClock"/> and on
/// <see cref="VirtualClock"/>. Steady state allocates nothing; <see cref="Stop"/> and the counters are safe to use
/// from other threads (the watchdog, the telemetry thread).
/// </summary>
public sealed class PeriodicLoop
{
    private readonly IClock _clock;
    private long _ticks;
    private long _overruns;
    private long _skipped;
    private long _lastWakeNs = long.MinValue;
    private volatile bool _stop;

    public PeriodicLoop(IClock clock, long periodNs, LatencyHistogram? latency = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(periodNs, 0);
        _clock = clock;
        PeriodNs = periodNs;
        Latency = latency ?? new LatencyHistogram();
    }

    public long PeriodNs { get; }

    /// <summary>Wake-up latency of every release [ns].</summary>
    public LatencyHistogram Latency { get; }

    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Ticks that were still running at the next release (what the safety monitor's deadline row counts).</summary>
    public long Overruns => Volatile.Read(ref _overruns);

    /// <summary>Releases skipped after overruns.</summary>
    public long SkippedReleases => Volatile.Read(ref _skipped);

    /// <summary>When the loop last woke [ns on its clock]; <see cref="long.MinValue"/> before the first release.</summary>
    public long LastWakeNs => Volatile.Read(ref _lastWakeNs);

    /// <summary>Asks the loop to return after the tick in progress.</summary>
    public void Stop() => _stop = true;

    /// <summary>Runs <paramref name="task"/> for <paramref name="cycles"/> releases (0: until <see cref="Stop"/>), the first one period from now.</summary>
    public void Run(IPeriodicTask task, long cycles = 0)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        _stop = false;
        var release = _clock.NowNs + PeriodNs;
        for (long k = 0; !_stop && (cycles == 0 || k < cycles); k++)
        {
            _clock.SleepUntil(release);
            var now = _clock.NowNs;
            Volatile.Write(ref _lastWakeNs, now);
            Latency.Record(now - release);
            var deadline = release + PeriodNs;
            task.Tick(now, release, deadline);
            Interlocked.Increment(ref _ticks);
            release = deadline;
            var done = _clock.NowNs;
            if (done > release)
            {
                var late = ((done - release) / PeriodNs) + 1;
                Interlocked.Increment(ref _overruns);
                Interlocked.Add(ref _skipped, late);
                release += late * PeriodNs;
            }
        }
    }
}
