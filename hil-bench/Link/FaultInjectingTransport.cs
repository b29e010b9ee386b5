using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.HilBench.Faults;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// The sending side of one direction of the in-memory bus, with the scenario's frame faults injected as frames leave
/// it: a lost frame is not delivered; a delayed one is held and delivered at the first tick its delay has passed (and
/// stamped then, as a receiver stamps what it receives: late data looks fresh); a corrupted one has its CRC byte
/// inverted (the receiver counts a CrcError); a replayed message repeats the last frame sent before the fault began,
/// alive counter and all, in place of every new one (the receiver counts RepeatedCounter). Receiving passes through.
/// Fault times count from the charge's start, by the frame's timestamp.
/// </summary>
public sealed class FaultInjectingTransport : ICanTransport
{
    private readonly ICanTransport _inner;
    private readonly FaultTimeline _timeline;
    private readonly DbcDatabase _dbc;
    private readonly E2EConfiguration _e2e;
    private readonly long _startNs;
    private readonly int[] _faults;
    private readonly uint?[] _messageIds;
    private readonly CanFrame[] _last;
    private readonly bool[] _hasLast;
    private readonly Queue<(long DueNs, CanFrame Frame)> _delayed = new();

    public FaultInjectingTransport(ICanTransport inner, FrameDirection direction, FaultTimeline timeline, DbcDatabase dbc, long chargeStartNs)
    {
        _inner = inner;
        _timeline = timeline;
        _dbc = dbc;
        _e2e = E2EConfiguration.FromDatabase(dbc);
        _startNs = chargeStartNs;
        _faults = [.. timeline.IndicesOf(FaultTarget.Frames).Where(i => (timeline.Faults[i].Direction & direction) != 0)];
        _messageIds = [.. _faults.Select(i => timeline.Faults[i].Message is { } name ? dbc.Messages.First(m => m.Name == name).Id : (uint?)null)];
        _last = new CanFrame[dbc.Messages.Count];
        _hasLast = new bool[dbc.Messages.Count];
    }

    public string Name => _inner.Name + "+faults";

    public CanTransportStatistics Statistics => _inner.Statistics;

    /// <summary>Frames not delivered, delivered late, sent with a broken CRC, and replaced by a replay.</summary>
    public long Dropped { get; private set; }

    public long Delayed { get; private set; }

    public long Corrupted { get; private set; }

    public long Replayed { get; private set; }

    /// <summary>Delivers the held frames whose delay has passed by <paramref name="nowNs"/>, stamped <paramref name="nowNs"/>.</summary>
    public void Release(long nowNs)
    {
        while (_delayed.Count > 0 && _delayed.Peek().DueNs <= nowNs)
        {
            var frame = _delayed.Dequeue().Frame;
            frame.TimestampNs = nowNs;
            _inner.TrySend(frame);
        }
    }

    public bool TrySend(in CanFrame frame)
    {
        if (_faults.Length == 0 || !_dbc.TryGetMessage(frame.Id, frame.IsExtended, out var message))
        {
            return _inner.TrySend(frame);
        }

        var chargeTime = (frame.TimestampNs - _startNs) / 1e9;
        var sent = frame;
        var delay_s = 0.0;
        var replay = false;
        for (var k = 0; k < _faults.Length; k++)
        {
            var i = _faults[k];
            if ((_messageIds[k] is { } id && id != frame.Id) || !_timeline.Active(i, chargeTime))
            {
                continue;
            }

            var f = _timeline.Faults[i];
            switch (f.Kind)
            {
                case FaultKind.FramesLost:
                    Dropped++;
                    return true;
                case FaultKind.FramesDelayed:
                    delay_s = Math.Max(delay_s, f.Value);
                    break;
                case FaultKind.FramesCorrupted when _e2e.For(message) is { } config:
                    sent.Data[config.CrcByteIndex] ^= 0xFF;
                    Corrupted++;
                    break;
                case FaultKind.FramesReplayed when _hasLast[message.Index]:
                    replay = true;
                    break;
            }
        }

        if (replay)
        {
            Replayed++;
            var stale = _last[message.Index];
            stale.TimestampNs = frame.TimestampNs;
            sent = stale;
        }
        else
        {
            _last[message.Index] = frame;
            _hasLast[message.Index] = true;
        }

        if (delay_s > 0)
        {
            Delayed++;
            _delayed.Enqueue((frame.TimestampNs + (long)Math.Round(delay_s * 1e9), sent));
            return true;
        }

        return _inner.TrySend(sent);
    }

    public bool TryReceive(out CanFrame frame) => _inner.TryReceive(out frame);

    public bool TryReceive(out CanFrame frame, TimeSpan timeout) => _inner.TryReceive(out frame, timeout);

    public void Dispose() => _inner.Dispose();
}
