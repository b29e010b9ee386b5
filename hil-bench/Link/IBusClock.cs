namespace ChargeTwin.HilBench.Link;

/// <summary>
/// When the CAN link's ticks happen. On the virtual clock there is none: a tick runs as soon as the one before it is
/// done. In real-time HIL (<see cref="RealTimeBus"/>) each tick waits for its release on the wall clock.
/// </summary>
public interface IBusClock
{
    /// <summary>Returns at the release of the next tick, whose bus time is <paramref name="busNowNs"/>.</summary>
    void AwaitTick(long busNowNs);
}
