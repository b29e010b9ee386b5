using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Link;
using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// The controller under test on the CAN protocol: the bench's front end and power stage on one end of an in-memory
/// bus, the controller's <see cref="ChargerLink"/> on the other, all at the virtual clock. The bus ticks every 10 ms
/// (the fastest message's cycle): each tick the plant is read at that instant (dense output, no integrator restart),
/// the sensors sample it, the front end and the power stage send what is due, the controller's link receives,
/// supervises and — at each control period — decides, and the power stage takes its setpoint. Between control
/// instants the plant's command changes only when the power stage's supervision times out (or the controller comes
/// back); otherwise the plant takes exactly the steps it takes on the direct link.
/// </summary>
public sealed class CanLink : IControllerLink
{
    private readonly CellSimulator _plant;
    private readonly PowerStageEmulator _stage;
    private readonly SensorModel _sensors;
    private readonly IChargeController _controller;
    private readonly bool _monitored;
    private readonly FaultInjectingTransport _bench;
    private readonly FaultInjectingTransport _controllerEnd;
    private readonly CellFrontEnd _frontEnd;
    private readonly PowerStageNode _stageNode;
    private readonly ChargerLink _link;
    private readonly long _tickNs;
    private readonly double _tick_s;
    private readonly int _ticksPerPeriod;
    private readonly long _startNs;
    private long _rangeErrors;

    public CanLink(DbcDatabase dbc, IChargeController controller, PowerStageEmulator stage, CellSimulator plant, SensorModel sensors, double chargeStart_s, double period_s, double heatsink_K, ISafetyMonitor? monitor = null)
    {
        _plant = plant;
        _stage = stage;
        _sensors = sensors;
        _controller = controller;
        _monitored = monitor is not null;
        _startNs = (long)Math.Round(chargeStart_s * 1e9);
        var (bench, controllerEnd) = InMemoryCanTransport.CreatePair(4096);
        _bench = new FaultInjectingTransport(bench, FrameDirection.ToController, sensors.Faults, dbc, _startNs);
        _controllerEnd = new FaultInjectingTransport(controllerEnd, FrameDirection.ToPowerStage, sensors.Faults, dbc, _startNs);
        _tickNs = BenchProtocol.TickNs;
        _tick_s = _tickNs / 1e9;
        _ticksPerPeriod = BenchProtocol.TicksPerPeriod(period_s) ?? throw new ArgumentException($"the control period {BenchProtocol.NotWholeTicks(period_s)}");
        _frontEnd = new CellFrontEnd(new ChargerProtocol(dbc), _bench, plant.Model.Options.FixtureArea_m2);
        _stageNode = new PowerStageNode(new ChargerProtocol(dbc), _bench, stage, heatsink_K);
        _link = new ChargerLink(new ChargerProtocol(dbc), _controllerEnd, controller, new ChargerLinkOptions(_ticksPerPeriod * _tickNs, stage.Ratings.Slew_APerS), monitor);
        _stageNode.Start(_startNs);
        _link.Start(_startNs);
    }

    public LinkKind Kind => LinkKind.Can;

    /// <summary>Called at every bus tick between control instants with the charge time and the plant's terminals (the bench's truth, for its metrics).</summary>
    public Action<double, PlantSample, SafetyVerdict>? TickObserver { get; set; }

    /// <inheritdoc/>
    /// <summary>The safety monitor's verdict as the controller's link holds it (with no monitor: the controller's own, see <see cref="LinkVerdict"/>).</summary>
    public SafetyVerdict Verdict => _monitored ? _link.Verdict : LinkVerdict.Of(_controller);

    /// <summary>The frames the injected faults dropped, delayed, corrupted or replaced, both directions together.</summary>
    public (long Dropped, long Delayed, long Corrupted, long Replayed) InjectedFrames => (
        _bench.Dropped + _controllerEnd.Dropped, _bench.Delayed + _controllerEnd.Delayed, _bench.Corrupted + _controllerEnd.Corrupted, _bench.Replayed + _controllerEnd.Replayed);

    public string? WireError { get; private set; }

    public MeasuredSample Delivered => _link.Measurement;

    public LinkStatistics Statistics => new(
        _bench.Statistics.Sent + _controllerEnd.Statistics.Sent,
        _stageNode.Supervisor.FramesAccepted + _link.Supervisor.FramesAccepted,
        _stageNode.Supervisor.FramesRejected + _link.Supervisor.FramesRejected,
        _stageNode.Supervisor.Count(FirmwareInterface.E2E.E2ECheck.Timeout) + _link.Supervisor.Count(FirmwareInterface.E2E.E2ECheck.Timeout),
        _stageNode.Supervisor.LostFrames + _link.Supervisor.LostFrames,
        _rangeErrors + _link.RangeErrors);

    /// <summary>The controller's end of the link (its supervision and counters).</summary>
    public ChargerLink Controller => _link;

    /// <summary>The power stage's end.</summary>
    public PowerStageNode PowerStage => _stageNode;

    public Setpoint Exchange(double t_s, double chargeTime_s, in MeasuredSample measured, bool controllerSilent)
    {
        Tick(TickOf(chargeTime_s), measured, _plant.SampleTerminals(), controllerSilent);
        return _link.Setpoint;
    }

    public void Advance(double t_s, double chargeTime_s, double next_s)
    {
        _stage.Apply(_stageNode.Command, _plant);
        var first = TickOf(chargeTime_s);
        for (var m = 1; m < _ticksPerPeriod; m++)
        {
            var at = t_s + (m * _tick_s);
            _stage.AdvanceTo(_plant, at, next_s);
            var chargeTime = chargeTime_s + (m * _tick_s);
            var terminals = _plant.SampleTerminals();
            var measured = _sensors.Measure(terminals, chargeTime);
            var changed = Tick(first + m, measured, terminals, _sensors.HeartbeatLost(chargeTime));
            TickObserver?.Invoke(chargeTime, terminals, Verdict);
            if (changed)
            {
                _stage.Apply(_stageNode.Command, _plant);
            }
        }

        _stage.AdvanceTo(_plant, next_s);
    }

    private long TickOf(double chargeTime_s) => (long)Math.Round(chargeTime_s / _tick_s);

    /// <summary>One bus tick; true when the power stage's command changed.</summary>
    private bool Tick(long tick, in MeasuredSample measured, in PlantSample terminals, bool controllerSilent)
    {
        var now = _startNs + (tick * _tickNs);
        _bench.Release(now);
        _controllerEnd.Release(now);
        Note(_frontEnd.Send(measured, now), _frontEnd.Protocol, "CM ", now);
        // The power stage reports its own meter of its output — the true terminals with its voltage-sense bias — not the
        // cell front end's sensors: an injected cell-sensor fault must not appear in both, or the monitor's
        // plausibility cross-checks (cell against power stage) could never see it.
        var output = new MeasuredSample(terminals.Time_s, terminals.Voltage_V + _stage.Ratings.VoltageSenseBias_V, terminals.Current_A, measured.Temperature_K, measured.StackPressure_Pa);
        Note(_stageNode.Send(now, output), _stageNode.Protocol, "PS_Status.", now);
        if (!controllerSilent)
        {
            _link.Tick(now);
            WireError ??= _link.FirstRangeError;
        }

        return _stageNode.Poll(now);
    }

    private void Note(DbcSignal? misfit, ChargerProtocol protocol, string message, long nowNs)
    {
        if (misfit is null)
        {
            return;
        }

        _rangeErrors++;
        WireError ??= protocol.Misfit(message, misfit, (nowNs - _startNs) / 1e9);
    }
}
