using System.Net;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// Real-time HIL's controller under test: a separate process (<c>chargetwin-controller run</c>) at
/// <paramref name="controller"/> speaking the DBC protocol over UDP, the bench listening on <paramref name="listen"/>.
/// For each scenario <see cref="Connect"/> opens the bench's end (<see cref="RealTimeBus"/>) and the link on it; the
/// controller must be heard within <paramref name="connectTimeout_s"/> of the scenario's start. At the scenario's end
/// <see cref="Finish"/> turns the output off and keeps the bus alive — the controller sees the stage in Standby and
/// can confirm its own safe stop — until the controller falls silent for <see cref="Silence_s"/> or
/// <paramref name="holdMax_s"/> passes; then the bench's end closes. One scenario at a time.
/// </summary>
public sealed class ExternalController(IPEndPoint controller, IPEndPoint listen, double connectTimeout_s, double holdMax_s)
{
    /// <summary>The controller counts as stopped after sending nothing for this long [s] (3 of its 100 ms heartbeats).</summary>
    public const double Silence_s = 0.3;

    private RealTimeBus? _bus;

    public IPEndPoint Address => controller;

    /// <summary>Told when the bench's end listens (the moment to start the controller), with the bus's name.</summary>
    public Action<string>? Listening { get; set; }

    public CanLink Connect(DbcDatabase dbc, PowerStageEmulator stage, CellSimulator plant, SensorModel sensors, double chargeStart_s, double period_s, double heatsink_K)
    {
        if (_bus is not null)
        {
            throw new InvalidOperationException("one scenario at a time on the external controller");
        }

        UdpCanTransport udp;
        try
        {
            udp = new UdpCanTransport(listen, controller);
        }
        catch (CanTransportException e)
        {
            throw new IOException($"--listen {listen}: {e.Message}", e);
        }

        _bus = new RealTimeBus(udp, new ChargerProtocol(dbc), BenchProtocol.TickNs);
        Listening?.Invoke(_bus.Name);
        return CanLink.ToExternal(dbc, _bus, _bus, stage, plant, sensors, chargeStart_s, period_s, heatsink_K, connectTimeout_s);
    }

    /// <summary>The scenario ended at <paramref name="chargeTime_s"/>: output off until the controller stops; what was measured.</summary>
    public RealTimeStatistics Finish(CanLink link, double chargeTime_s)
    {
        ArgumentNullException.ThrowIfNull(link);
        var bus = _bus ?? throw new InvalidOperationException("not connected");
        var stopped = link.HoldOutputOff(chargeTime_s, Silence_s, holdMax_s);
        var statistics = RealTimeStatistics.Of(bus, link, stopped);
        Release();
        return statistics;
    }

    /// <summary>Closes the bench's end (its loop and receiving threads, its socket); safe to call twice.</summary>
    public void Release()
    {
        _bus?.Dispose();
        _bus = null;
    }
}
