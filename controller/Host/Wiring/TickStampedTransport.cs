using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// Stamps every received frame with the tick that takes it (charge time [ns]), whatever clock the transport used:
/// the link handles a frame at the tick it takes it, so that is its time on the host — and it makes a recorded run
/// replayable to the bit, since the log then says exactly which tick took which frame. Sending passes through.
/// </summary>
public sealed class TickStampedTransport(ICanTransport inner) : ICanTransport
{
    /// <summary>The tick in progress [ns since the charge began]; the loop sets it before the link's tick.</summary>
    public long NowNs { get; set; }

    public string Name => inner.Name;

    public CanTransportStatistics Statistics => inner.Statistics;

    public bool TrySend(in CanFrame frame) => inner.TrySend(frame);

    public bool TryReceive(out CanFrame frame)
    {
        if (!inner.TryReceive(out frame))
        {
            return false;
        }

        frame.TimestampNs = NowNs;
        return true;
    }

    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        if (!inner.TryReceive(out frame, timeout))
        {
            return false;
        }

        frame.TimestampNs = NowNs;
        return true;
    }

    public void Dispose() => inner.Dispose();
}
