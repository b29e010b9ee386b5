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
/// <para>
/// In real-time HIL (<see cref="ToExternal"/>) the controller is a separate process: the bench's end is a real bus
/// (<see cref="RealTimeBus"/>, UDP), each tick waits for its release on the wall clock, and there is no
/// <see cref="ChargerLink"/> in the bench — the setpoint in force is what the power stage took from the wire. The tick
/// is the same code in both.
/// </para>
/// </summary>
public sealed class CanLink : IControllerLink
{
    private static readonly SafetyVerdict s_stageSupervision = new(
        SafetyReaction.Stop, 0, PowerStageNode.SupervisionMechanism, "the power stage lost the controller's setpoints or heartbeat: SafeRampDown, output off", 1);

    private readonly CellSimulator _plant;
    private readonly PowerStageEmulator _stage;
    private readonly SensorModel _sensors;
    private readonly IChargeController? _controller;
    private readonly bool _monitored;
    private readonly FaultInjectingTransport _bench;
    private readonly FaultInjectingTransport? _controllerEnd;
    private readonly CellFrontEnd _frontEnd;
    private readonly PowerStageNode _stageNode;
    private readonly ChargerLink? _link;
    private readonly IBusClock? _clock;
    private readonly long _tickNs;
    private readonly double _tick_s;
    private readonly int _ticksPerPeriod;
    private readonly long _startNs;
    private readonly ICanTransport? _controllerEndInner;
    private long _rangeErrors;
    private long _tick;
    private long _lastHeardTick = -1;
    private long _framesHeard;
    private long _connectTimeoutNs = long.MaxValue;
    private MeasuredSample _sent;

    /// <summary>The controller under test in the bench, on an in-memory bus at the virtual clock.</summary>
    public CanLink(DbcDatabase dbc, IChargeController controller, PowerStageEmulator stage, CellSimulator plant, SensorModel sensors, double chargeStart_s, double period_s, double heatsink_K, ISafetyMonitor? monitor = null)
        : this(dbc, InMemoryCanTransport.CreatePair(4096), null, stage, plant, sensors, chargeStart_s, period_s, heatsink_K)
    {
        _controller = controller;
        _monitored = monitor is not null;
        _controllerEnd = new FaultInjectingTransport(_controllerEndInner!, FrameDirection.ToPowerStage, sensors.Faults, dbc, _startNs);
        _link = new ChargerLink(new ChargerProtocol(dbc), _controllerEnd, controller, new ChargerLinkOptions(_ticksPerPeriod * _tickNs, stage.Ratings.Slew_APerS), monitor);
        _link.Start(_startNs);
    }

    private CanLink(DbcDatabase dbc, (ICanTransport Bench, ICanTransport? Controller) ends, IBusClock? clock, PowerStageEmulator stage, CellSimulator plant, SensorModel sensors, double chargeStart_s, double period_s, double heatsink_K)
    {
        _plant = plant;
        _stage = stage;
        _sensors = sensors;
        _clock = clock;
        _startNs = (long)Math.Round(chargeStart_s * 1e9);
        _bench = new FaultInjectingTransport(ends.Bench, FrameDirection.ToController, sensors.Faults, dbc, _startNs);
        _controllerEndInner = ends.Controller;
        _tickNs = BenchProtocol.TickNs;
        _tick_s = _tickNs / 1e9;
        _ticksPerPeriod = BenchProtocol.TicksPerPeriod(period_s) ?? throw new ArgumentException($"the control period {BenchProtocol.NotWholeTicks(period_s)}");
        _frontEnd = new CellFrontEnd(new ChargerProtocol(dbc), _bench, plant.Model.Options.FixtureArea_m2);
        _stageNode = new PowerStageNode(new ChargerProtocol(dbc), _bench, stage, heatsink_K);
        _stageNode.Start(_startNs);
    }

    /// <summary>
    /// Real-time HIL: the controller under test is a separate process at the other end of <paramref name="bus"/>; each
    /// tick waits for its release on <paramref name="clock"/>. Frame faults are injected into what the bench sends
    /// (the cell front end's and the power stage's frames); the controller's own frames arrive as it sent them.
    /// </summary>
    /// <param name="connectTimeout_s">No frame from the controller this long after the charge began: <see cref="ControllerUnreachableException"/>.</param>
    public static CanLink ToExternal(DbcDatabase dbc, ICanTransport bus, IBusClock clock, PowerStageEmulator stage, CellSimulator plant, SensorModel sensors, double chargeStart_s, double period_s, double heatsink_K, double connectTimeout_s)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new CanLink(dbc, (bus, null), clock, stage, plant, sensors, chargeStart_s, period_s, heatsink_K)
        {
            _connectTimeoutNs = (long)Math.Round(connectTimeout_s * 1e9),
            ControllerAddress = bus.Name,
        };
    }

    /// <summary>Where the external controller is, as its bus names it (for messages).</summary>
    public string ControllerAddress { get; private init; } = "";

    public LinkKind Kind => LinkKind.Can;

    /// <summary>
    /// Called at every bus tick between control instants with the charge time, the plant's terminals (the bench's truth,
    /// for its metrics) and the <see cref="ReactionInForce"/> — with the power stage's own supervision, since a hung
    /// controller's monitor hangs with it and the stage is the mechanism that acts.
    /// </summary>
    public Action<double, PlantSample, SafetyVerdict>? TickObserver { get; set; }

    /// <summary>
    /// The safety reaction in force on the whole link, for the bench's fault metrics: the monitor's verdict when it is
    /// not nominal, else the power stage's own supervision while it holds the output off
    /// (<see cref="PowerStageNode.SupervisionMechanism"/>), else nominal.
    /// </summary>
    public SafetyVerdict ReactionInForce
    {
        get
        {
            var verdict = Verdict;
            return !verdict.IsNominal || !_stageNode.InSafeRampDown ? verdict : s_stageSupervision;
        }
    }

    /// <inheritdoc/>
    /// <summary>The safety monitor's verdict as the controller's link holds it (with no monitor: the controller's own, see <see cref="LinkVerdict"/>).</summary>
    /// <summary>With an external controller: nominal (the bench cannot see its monitor).</summary>
    public SafetyVerdict Verdict => _link is null ? SafetyVerdict.Nominal : _monitored ? _link.Verdict : LinkVerdict.Of(_controller!);

    /// <summary>The frames the injected faults dropped, delayed, corrupted or replaced, both directions together.</summary>
    public (long Dropped, long Delayed, long Corrupted, long Replayed) InjectedFrames => (
        _bench.Dropped + (_controllerEnd?.Dropped ?? 0), _bench.Delayed + (_controllerEnd?.Delayed ?? 0), _bench.Corrupted + (_controllerEnd?.Corrupted ?? 0), _bench.Replayed + (_controllerEnd?.Replayed ?? 0));

    public string? WireError { get; private set; }

    /// <summary>The measurement the controller was given (with an external controller: the one the cell front end sent last).</summary>
    public MeasuredSample Delivered => _link?.Measurement ?? _sent;

    /// <summary>What crossed the bus; with an external controller, as the bench's end counts it (its sends, its supervision of the controller's frames).</summary>
    public LinkStatistics Statistics => new(
        _bench.Statistics.Sent + (_controllerEnd?.Statistics.Sent ?? 0),
        _stageNode.Supervisor.FramesAccepted + (_link?.Supervisor.FramesAccepted ?? 0),
        _stageNode.Supervisor.FramesRejected + (_link?.Supervisor.FramesRejected ?? 0),
        _stageNode.Supervisor.Count(FirmwareInterface.E2E.E2ECheck.Timeout) + (_link?.Supervisor.Count(FirmwareInterface.E2E.E2ECheck.Timeout) ?? 0),
        _stageNode.Supervisor.LostFrames + (_link?.Supervisor.LostFrames ?? 0),
        _rangeErrors + (_link?.RangeErrors ?? 0));

    /// <summary>The controller's end of the link (its supervision and counters), when the controller runs in the bench.</summary>
    public ChargerLink Controller => _link ?? throw new InvalidOperationException("the controller is external: its end of the link is in its own process");

    /// <summary>The bus time of the first tick that took a frame from the controller [ns since the charge began]; null before.</summary>
    public long? ControllerHeardAtNs { get; private set; }

    /// <summary>The power stage's end.</summary>
    public PowerStageNode PowerStage => _stageNode;

    public Setpoint Exchange(double t_s, double chargeTime_s, in MeasuredSample measured, bool controllerSilent)
    {
        Tick(TickOf(chargeTime_s), measured, _plant.SampleTerminals(), controllerSilent);
        if (_link is not null)
        {
            return _link.Setpoint;
        }

        var c = _stageNode.Command;
        return new Setpoint(c.CurrentLimit_A, c.VoltageLimit_V, c.Enable, _stageNode.TimedOut ? "PS_Setpoint timed out" : "PS_Setpoint");
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
            TickObserver?.Invoke(chargeTime, terminals, ReactionInForce);
            if (changed)
            {
                _stage.Apply(_stageNode.Command, _plant);
            }
        }

        _stage.AdvanceTo(_plant, next_s);
    }

    private long TickOf(double chargeTime_s) => (long)Math.Round(chargeTime_s / _tick_s);

    /// <summary>
    /// Real-time HIL, after the scenario's end: the output goes off whatever the controller asks, and the bus stays alive
    /// — the plant resting on the wall clock, the front end and the power stage sending, the stage in Standby — so that
    /// the controller sees the stage off and can confirm its own safe stop. Ends once the controller has sent nothing
    /// for <paramref name="silence_s"/> (it has stopped), or after <paramref name="max_s"/>. True when it fell silent.
    /// </summary>
    public bool HoldOutputOff(double chargeTime_s, double silence_s, double max_s)
    {
        if (_link is not null)
        {
            throw new InvalidOperationException("the output is held off after the scenario only when the controller is external");
        }

        _stage.Apply(PowerStageCommand.Off, _plant);
        var first = TickOf(chargeTime_s) + 1;
        var silenceTicks = (long)Math.Ceiling(silence_s / _tick_s);
        var silent = _lastHeardTick < 0 || _tick - _lastHeardTick >= silenceTicks;
        var last = first + (long)Math.Ceiling(max_s / _tick_s);
        var holdEnd_s = (_startNs / 1e9) + (last * _tick_s); // the command no longer changes: the integrator steps freely to here
        for (var tick = first; !silent && tick < last; tick++)
        {
            _stage.AdvanceTo(_plant, (_startNs / 1e9) + (tick * _tick_s), holdEnd_s);
            var terminals = _plant.SampleTerminals();
            Tick(tick, _sensors.Measure(terminals, tick * _tick_s), terminals, controllerSilent: true);
            silent = tick - _lastHeardTick >= silenceTicks;
        }

        return silent;
    }

    /// <summary>One bus tick; true when the power stage's command changed.</summary>
    private bool Tick(long tick, in MeasuredSample measured, in PlantSample terminals, bool controllerSilent)
    {
        var now = _startNs + (tick * _tickNs);
        _tick = tick;
        _clock?.AwaitTick(now);
        _bench.Release(now);
        _controllerEnd?.Release(now);
        _sent = measured;
        Note(_frontEnd.Send(measured, now), _frontEnd.Protocol, "CM ", now);
        // The power stage reports its own meter of its output — the true terminals with its voltage-sense bias — not the
        // cell front end's sensors: an injected cell-sensor fault must not appear in both, or the monitor's
        // plausibility cross-checks (cell against power stage) could never see it.
        var output = new MeasuredSample(terminals.Time_s, terminals.Voltage_V + _stage.Ratings.VoltageSenseBias_V, terminals.Current_A, measured.Temperature_K, measured.StackPressure_Pa);
        Note(_stageNode.Send(now, output), _stageNode.Protocol, "PS_Status.", now);
        if (!controllerSilent && _link is not null)
        {
            _link.Tick(now);
            WireError ??= _link.FirstRangeError;
        }

        var changed = _stageNode.Poll(now);
        if (_link is null)
        {
            Heard(tick, now);
        }

        return changed;
    }

    /// <summary>An external controller: when it was first and last heard (any frame the power stage took).</summary>
    private void Heard(long tick, long nowNs)
    {
        var frames = _stageNode.Supervisor.FramesAccepted + _stageNode.Supervisor.FramesRejected;
        if (frames != _framesHeard)
        {
            _framesHeard = frames;
            _lastHeardTick = tick;
            ControllerHeardAtNs ??= nowNs - _startNs;
        }
        else if (ControllerHeardAtNs is null && nowNs - _startNs > _connectTimeoutNs)
        {
            throw new ControllerUnreachableException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"no frames from the controller ({ControllerAddress}) within {_connectTimeoutNs / 1e9:0.#} s of the scenario's start; the power stage's output stayed off"));
        }
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
