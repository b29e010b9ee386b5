using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Logs;

/// <summary>
/// Plays a recorded log back into a transport with its original spacing, driven by the caller's clock:
/// each <see cref="SendDue"/> sends every frame whose offset from the first frame has been reached.
/// Works the same with a virtual clock (instant, deterministic) and a real one.
/// </summary>
public sealed class CandumpReplay
{
    private readonly CandumpRecord[] _records;
    private int _next;

    /// <summary>Prepares a replay of the given records (all interfaces, or only <paramref name="interfaceName"/>).</summary>
    public CandumpReplay(IEnumerable<CandumpRecord> records, string? interfaceName = null)
    {
        _records = records.Where(r => interfaceName is null || r.Interface == interfaceName).ToArray();
        StartUnixNs = _records.Length > 0 ? _records[0].UnixTimeNs : 0;
    }

    /// <summary>Time of the first frame.</summary>
    public long StartUnixNs { get; }

    /// <summary>Frames still to send.</summary>
    public int Remaining => _records.Length - _next;

    /// <summary>True when every frame has been sent.</summary>
    public bool Finished => _next >= _records.Length;

    /// <summary>Offset of the next frame from the first, or null when finished.</summary>
    public long? NextOffsetNs => Finished ? null : _records[_next].UnixTimeNs - StartUnixNs;

    /// <summary>
    /// Sends every frame due by <paramref name="elapsedNs"/> (time since the replay started), stamped with
    /// <paramref name="replayStartNs"/> + its offset. Returns how many were handed to the transport.
    /// </summary>
    public int SendDue(long elapsedNs, ICanTransport target, long replayStartNs = 0)
    {
        int sent = 0;
        while (_next < _records.Length && _records[_next].UnixTimeNs - StartUnixNs <= elapsedNs)
        {
            CanFrame frame = _records[_next].Frame;
            frame.TimestampNs = replayStartNs + (_records[_next].UnixTimeNs - StartUnixNs);
            if (target.TrySend(frame))
            {
                sent++;
            }

            _next++;
        }

        return sent;
    }
}
