namespace ChargeTwin.RtCore.Loop;

/// <summary>The work of one period. Called on the loop thread; must not block and should allocate nothing.</summary>
public interface IPeriodicTask
{
    /// <summary>One period: released at <paramref name="releaseNs"/>, woken at <paramref name="nowNs"/>, due by <paramref name="deadlineNs"/> (the next release).</summary>
    void Tick(long nowNs, long releaseNs, long deadlineNs);
}
