namespace ChargeTwin.RtCore.Clocks;

/// <summary>
/// Where control code reads time and waits for its next release. The real clock sleeps on CLOCK_MONOTONIC absolute
/// deadlines; the virtual clock jumps to the deadline at once, so the same loop runs a campaign faster than real time.
/// </summary>
public interface IClock
{
    /// <summary>Monotonic time [ns] from an arbitrary origin.</summary>
    long NowNs { get; }

    /// <summary>Returns at (or just after) <paramref name="deadlineNs"/>; at once when it has passed.</summary>
    void SleepUntil(long deadlineNs);
}
