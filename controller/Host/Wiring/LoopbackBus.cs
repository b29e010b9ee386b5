using ChargeTwin.Cells;
using ChargeTwin.ControllerHost.Config;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// The host's whole controller (<see cref="ControllerStack"/>, default configuration) and a <see cref="LoopbackCharger"/>
/// on an in-memory bus, ticked by rt-core's periodic loop on the virtual clock — what <c>selftest</c> and the tests run.
/// </summary>
public sealed class LoopbackBus : IPeriodicTask, IDisposable
{
    public const long TickNs = 10_000_000L;

    private readonly VirtualClock _clock = new();
    private readonly PeriodicLoop _loop;
    private readonly DecisionLog _log = new(null);
    private readonly InMemoryCanTransport _chargerEnd;
    private long _startNs = long.MinValue;

    public LoopbackBus(ParameterSet cell, double startSoc, HostConfig? config = null)
    {
        config ??= new HostConfig { InitialSoc = startSoc };
        var (controllerEnd, chargerEnd) = InMemoryCanTransport.CreatePair(4096);
        _chargerEnd = chargerEnd;
        Charger = new LoopbackCharger(ChargerProtocol.LoadDefault(), ChargerProtocol.LoadDefault(), chargerEnd, cell, startSoc, 298.15);
        Stack = new ControllerStack(config, cell, ChargerProtocol.LoadDefault(), Controller.Safety.DiagnosisTable.Default, controllerEnd, _log);
        _loop = new PeriodicLoop(_clock, TickNs);
    }

    public ControllerStack Stack { get; }

    public LoopbackCharger Charger { get; }

    /// <summary>Charge time of the last tick [ns].</summary>
    public long NowNs { get; private set; }

    /// <summary>Runs <paramref name="ticks"/> ticks of 10 ms.</summary>
    public void Run(long ticks) => _loop.Run(this, ticks);

    public void Tick(long nowNs, long releaseNs, long deadlineNs)
    {
        if (_startNs == long.MinValue)
        {
            _startNs = releaseNs;
        }

        NowNs = releaseNs - _startNs;
        Charger.Tick(NowNs);
        Stack.Tick(NowNs);
        _log.Drain();
    }

    public void Dispose()
    {
        Stack.Dispose();
        _chargerEnd.Dispose();
        _log.Dispose();
    }
}
