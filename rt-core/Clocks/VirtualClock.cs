namespace ChargeTwin.RtCore.Clocks;

/// <summary>
/// Simulated time: sleeping jumps straight to the deadline, and whoever models work (the bench, a test) advances it
/// explicitly. Deterministic; for one thread at a time.
/// </summary>
public sealed class VirtualClock(long startNs = 0) : IClock
{
    public long NowNs { get; private set; } = startNs;

    public void SleepUntil(long deadlineNs) => NowNs = Math.Max(NowNs, deadlineNs);

    /// <summary>Time passes without a sleep (work taking <paramref name="durationNs"/>).</summary>
    public void Advance(long durationNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationNs);
        NowNs += durationNs;
    }
}
