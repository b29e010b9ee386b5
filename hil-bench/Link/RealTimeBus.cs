using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Rings;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// The bench's end of a real bus in real-time HIL: the DBC's frames over <see cref="UdpCanTransport"/> to a controller
/// running as a separate process, the bench's ticks on the wall clock (<see cref="RealTimeTicks"/>). A receiving
/// thread takes each frame as it arrives, stamped then on the monotonic clock, into a lock-free ring; the bench's tick
/// takes them from the ring, notes the setpoints' arrival times (<see cref="Timing"/>), and hands them on stamped with
/// the tick's bus time — the time the power stage's supervision runs on, as a real node handles a frame at the tick
/// that takes it. The bench's cell samples are noted as they leave.
/// </summary>
public sealed class RealTimeBus : ICanTransport, IBusClock, IDisposable
{
    private readonly UdpCanTransport _udp;
    private readonly RealTimeTicks _ticks;
    private readonly SpscRing<CanFrame> _arrived = new(4096);
    private readonly Thread _receiver;
    private readonly uint _sampleId;
    private readonly uint _setpointId;
    private volatile bool _stop;
    private long _busNowNs;

    public RealTimeBus(UdpCanTransport udp, ChargerProtocol protocol, long tickNs)
    {
        ArgumentNullException.ThrowIfNull(udp);
        ArgumentNullException.ThrowIfNull(protocol);
        _udp = udp;
        _ticks = new RealTimeTicks(tickNs);
        _sampleId = protocol.CellVoltageCurrent.Id;
        _setpointId = protocol.Setpoint.Id;
        Timing = new SetpointTiming(protocol.E2E.For(protocol.Setpoint)!.CycleTimeMs * 1_000_000L, tickNs);
        _receiver = new Thread(Receive) { IsBackground = true, Name = "bench receive" };
        _receiver.Start();
    }

    public string Name => _udp.Name;

    public CanTransportStatistics Statistics => _udp.Statistics;

    /// <summary>Sample → setpoint latencies and missed setpoint cycles.</summary>
    public SetpointTiming Timing { get; }

    /// <summary>The bench's loop: overruns, skipped releases, wake-up latency.</summary>
    public RtCore.Loop.PeriodicLoop Loop => _ticks.Loop;

    /// <summary>Frames that arrived while the ring was full (lost to the bench).</summary>
    public long Overflowed => _arrived.Refused;

    public void AwaitTick(long busNowNs)
    {
        _ticks.Next();
        _busNowNs = busNowNs;
    }

    public bool TrySend(in CanFrame frame)
    {
        var sent = _udp.TrySend(frame);
        if (sent && frame.Id == _sampleId && !frame.IsExtended)
        {
            Timing.OnSampleSent(MonotonicClock.Instance.NowNs);
        }

        return sent;
    }

    public bool TryReceive(out CanFrame frame)
    {
        if (!_arrived.TryRead(out frame))
        {
            return false;
        }

        if (frame.Id == _setpointId && !frame.IsExtended)
        {
            Timing.OnSetpoint(frame.TimestampNs, frame.Payload);
        }

        frame.TimestampNs = _busNowNs;
        return true;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a frame (not used by the bench's tick, which never waits).</summary>
    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        var deadline = MonotonicClock.Instance.NowNs + (long)(timeout.TotalMilliseconds * 1e6);
        while (!TryReceive(out frame))
        {
            if (MonotonicClock.Instance.NowNs >= deadline)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    public void Dispose()
    {
        _stop = true;
        _ticks.Dispose();
        _receiver.Join();
        _udp.Dispose();
    }

    private void Receive()
    {
        var wait = TimeSpan.FromMilliseconds(20);
        while (!_stop)
        {
            if (_udp.TryReceive(out var frame, wait))
            {
                _arrived.TryWrite(frame);
            }
        }
    }
}
