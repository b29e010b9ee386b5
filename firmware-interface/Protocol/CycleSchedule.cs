namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>
/// When a cyclic message (or task) is due: at the start, then every cycle on a fixed grid — a late tick sends once
/// and does not shift the grid. Allocation-free; one per message a node sends.
/// </summary>
public sealed class CycleSchedule(long cycleNs)
{
    private long _nextNs;

    /// <summary>The cycle [ns].</summary>
    public long CycleNs { get; } = cycleNs > 0 ? cycleNs : throw new ArgumentOutOfRangeException(nameof(cycleNs), cycleNs, "a cycle must be positive");

    /// <summary>Due at <paramref name="nowNs"/> first.</summary>
    public void Start(long nowNs) => _nextNs = nowNs;

    /// <summary>True when due at <paramref name="nowNs"/>; the next time is then the next grid point after it.</summary>
    public bool Due(long nowNs)
    {
        if (nowNs < _nextNs)
        {
            return false;
        }

        _nextNs += ((nowNs - _nextNs) / CycleNs + 1) * CycleNs;
        return true;
    }

    /// <summary>Sent out of turn at <paramref name="nowNs"/>: the next is one cycle later (a new grid from now).</summary>
    public void SentAt(long nowNs) => _nextNs = nowNs + CycleNs;
}
