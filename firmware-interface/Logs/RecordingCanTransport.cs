using ChargeTwin.RtCore.Clocks;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Logs;

/// <summary>
/// A transport that passes everything through to another and hands every frame sent and received
/// to a <see cref="CandumpRecorder"/>. Frames without a timestamp are stamped with <c>clockNs</c>.
/// </summary>
public sealed class RecordingCanTransport : ICanTransport
{
    private readonly ICanTransport _inner;
    private readonly CandumpRecorder _recorder;
    private readonly Func<long> _clockNs;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public RecordingCanTransport(ICanTransport inner, CandumpRecorder recorder, Func<long>? clockNs = null)
    {
        _inner = inner;
        _recorder = recorder;
        _clockNs = clockNs ?? (static () => MonotonicClock.Instance.NowNs);
    }

    /// <inheritdoc />
    public string Name => _inner.Name + "+candump";

    /// <inheritdoc />
    public CanTransportStatistics Statistics => _inner.Statistics;

    /// <inheritdoc />
    public bool TrySend(in CanFrame frame)
    {
        CanFrame stamped = frame;
        if (stamped.TimestampNs == 0)
        {
            stamped.TimestampNs = _clockNs();
        }

        bool sent = _inner.TrySend(stamped);
        if (sent)
        {
            _recorder.Record(stamped);
        }

        return sent;
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame)
    {
        if (!_inner.TryReceive(out frame))
        {
            return false;
        }

        _recorder.Record(frame);
        return true;
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        if (!_inner.TryReceive(out frame, timeout))
        {
            return false;
        }

        _recorder.Record(frame);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();
}
