using ChargeTwin.RtCore.Timing;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// What real-time HIL measures of the controller on the wire, from the times the bench sent its cell samples and the
/// times the controller's <c>PS_Setpoint</c> frames arrived at the power stage (both on the monotonic clock):
/// <list type="bullet">
/// <item><b>Sample → setpoint latency</b>, for every setpoint that tells the power stage something new (a decision
/// that changed it, or the monitor's cap): from the send of the newest <c>CM_CellVoltageCurrent</c> frame the
/// controller could have decided on to the new setpoint's arrival. The frame carries no sample stamp, so the bench
/// locates the controller's tick that sent it: an unchanged setpoint is sent at the start of a controller tick
/// (nothing to decide), and the controller's releases are periodic, so the earliest arrival phase of the unchanged
/// setpoints (modulo <c>controllerTickNs</c>, over the last <see cref="GridWindow"/> of them) marks its tick grid; the
/// new setpoint came from the tick of that grid it arrived in, and the sample is the newest the bench sent before that
/// tick began. A decision that took longer than a tick is attributed to a tick too late (the latency then reads up to
/// a tick short).</item>
/// <item><b>Missed setpoint cycles</b>: the DBC sends <c>PS_Setpoint</c> every <c>cycleNs</c> (20 ms); a cycle counts
/// as missed when no frame arrived within half a cycle of its due time (a gap g misses ⌈g/cycle − 1.5⌉ cycles), and
/// the longest gap is kept.</item>
/// </list>
/// One thread (the bench's loop); allocation free.
/// </summary>
public sealed class SetpointTiming(long cycleNs, long controllerTickNs)
{
    private readonly long[] _samples = new long[64];
    private long _sampleCount;
    private long _lastArrivalNs = long.MinValue;
    private long _gridNs = long.MinValue;
    private long _candidateNs = long.MinValue;
    private int _inWindow;

    /// <summary>Unchanged setpoints over which the earliest arrival phase marks the controller's tick grid (1 s of them).</summary>
    public const int GridWindow = 50;
    private ulong _lastContent;

    /// <summary>Sample → setpoint latencies [ns].</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Setpoint frames that arrived.</summary>
    public long Setpoints { get; private set; }

    public long MissedCycles { get; private set; }

    /// <summary>The longest time between two setpoint frames [ns] (0 before two arrived).</summary>
    public long LongestGapNs { get; private set; }

    /// <summary>The bench sent a cell sample (<c>CM_CellVoltageCurrent</c>) at <paramref name="sentNs"/>.</summary>
    public void OnSampleSent(long sentNs) => _samples[_sampleCount++ % _samples.Length] = sentNs;

    /// <summary>A <c>PS_Setpoint</c> frame arrived at <paramref name="arrivedNs"/> with this payload.</summary>
    public void OnSetpoint(long arrivedNs, ReadOnlySpan<byte> payload)
    {
        var content = Content(payload);
        if (Setpoints > 0)
        {
            var gap = arrivedNs - _lastArrivalNs;
            LongestGapNs = Math.Max(LongestGapNs, gap);
            MissedCycles += Math.Max(0, (long)Math.Ceiling(((double)gap / cycleNs) - 1.5));
            if (content == _lastContent)
            {
                OnTickStart(arrivedNs);
            }
            else if (NewestSampleBefore(TickStart(arrivedNs)) is { } sample)
            {
                Latency.Record(arrivedNs - sample);
            }
        }

        Setpoints++;
        _lastArrivalNs = arrivedNs;
        _lastContent = content;
    }

    /// <summary>An unchanged setpoint: its arrival is a tick start plus the controller's wake-up, work and transit.</summary>
    private void OnTickStart(long arrivedNs)
    {
        if (_candidateNs == long.MinValue)
        {
            _candidateNs = arrivedNs;
        }
        else if (Phase(arrivedNs, _candidateNs) < 0)
        {
            _candidateNs = arrivedNs;
        }

        if (++_inWindow >= GridWindow || _gridNs == long.MinValue)
        {
            _gridNs = _candidateNs;
            if (_inWindow >= GridWindow)
            {
                _candidateNs = long.MinValue;
                _inWindow = 0;
            }
        }
    }

    /// <summary>Where the controller's tick that sent a frame arriving at <paramref name="arrivedNs"/> began, on its grid.</summary>
    private long TickStart(long arrivedNs)
    {
        var grid = _gridNs == long.MinValue || (_candidateNs != long.MinValue && Phase(_candidateNs, _gridNs) < 0) ? _candidateNs : _gridNs;
        return grid == long.MinValue ? arrivedNs : grid + ((arrivedNs - grid) / controllerTickNs * controllerTickNs);
    }

    /// <summary>The phase of <paramref name="ns"/> against the grid through <paramref name="gridNs"/>, in (−tick/2, tick/2]: negative is earlier in the tick.</summary>
    private long Phase(long ns, long gridNs)
    {
        var phase = (((ns - gridNs) % controllerTickNs) + controllerTickNs) % controllerTickNs;
        return phase > controllerTickNs / 2 ? phase - controllerTickNs : phase;
    }

    private long? NewestSampleBefore(long ns)
    {
        var n = Math.Min(_sampleCount, _samples.Length);
        for (var i = 1; i <= n; i++)
        {
            var sent = _samples[(_sampleCount - i) % _samples.Length];
            if (sent <= ns)
            {
                return sent;
            }
        }

        return null;
    }

    /// <summary>The setpoint's meaning: every byte but the CRC (byte 0) and the alive counter (the low nibble of byte 1).</summary>
    private static ulong Content(ReadOnlySpan<byte> payload)
    {
        ulong key = 0;
        for (var i = 1; i < payload.Length; i++)
        {
            key = (key << 8) | (i == 1 ? (byte)(payload[i] & 0xF0) : payload[i]);
        }

        return key;
    }
}
