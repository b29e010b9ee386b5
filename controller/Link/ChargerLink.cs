using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.Controller.Link;

/// <summary>
/// The controller's end of the CAN protocol (firmware-interface/can-protocol/chargetwin.dbc): every tick it takes the
/// frames waiting on its transport through the E2E supervision (CRC, alive counter, DLC, timeouts), runs the
/// controller when a control period is due — on the last valid cell measurement, or with the output off when a
/// message it needs has timed out — and sends <c>PS_Setpoint</c> (every 20 ms, and at once when a new one is decided)
/// and <c>CTRL_Heartbeat</c> (every 100 ms). With a safety monitor, every tick also fills the monitor's inputs from
/// the supervised frames (the cell front end's measurement, the power stage's own status, the E2E totals, the
/// estimator's innovation) and caps what goes out by its verdict — at once, not at the next control period: the
/// monitor always wins. The same code runs on the bench's virtual clock and on a host's real one.
/// <see cref="Tick"/> allocates nothing unless a value does not fit its DBC signal (then once, for the error line).
/// </summary>
public sealed class ChargerLink
{
    private readonly ChargerProtocol _protocol;
    private readonly ICanTransport _transport;
    private readonly IChargeController _controller;
    private readonly ChargerLinkOptions _options;
    private readonly DbcMessage[] _needed;
    private readonly Setpoint[] _lostSetpoints;
    private readonly Setpoint _badChannel = Setpoint.Off("the cell front end reports a bad channel (CM MeasStatus ≠ 0): output off");
    private readonly CycleSchedule _control;
    private readonly CycleSchedule _setpoint;
    private readonly CycleSchedule _heartbeat;
    private readonly ISafetyMonitor? _monitor;
    private SafetyInputs _safety;
    private Setpoint _decided = Setpoint.Off("not started");
    private Setpoint? _stopped;
    private CanFrame _frame;
    private long _startNs;

    public ChargerLink(ChargerProtocol protocol, ICanTransport transport, IChargeController controller, ChargerLinkOptions options, ISafetyMonitor? monitor = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ControlPeriodNs, 0);
        _protocol = protocol;
        _transport = transport;
        _controller = controller;
        _options = options;
        _needed = [protocol.CellVoltageCurrent, protocol.CellTemperaturePressure, protocol.Status, protocol.PowerStageHeartbeat];
        _lostSetpoints = [.. _needed.Select(m => Setpoint.Off($"no valid {m.Name} for {protocol.E2E.For(m)!.TimeoutMs} ms: output off"))];
        _control = new CycleSchedule(options.ControlPeriodNs);
        _setpoint = new CycleSchedule(protocol.E2E.For(protocol.Setpoint)!.CycleTimeMs * 1_000_000L);
        _heartbeat = new CycleSchedule(protocol.E2E.For(protocol.ControllerHeartbeat)!.CycleTimeMs * 1_000_000L);
        Supervisor = new E2ESupervisor(protocol.E2E, _needed.Select(m => m.Name), maxLostFrames: options.MaxLostFrames);
        _monitor = monitor;
    }

    /// <summary>The protocol this end speaks (its messages and signals).</summary>
    public ChargerProtocol Protocol => _protocol;

    /// <summary>The receive-side supervision: counts of every check, per message, and each message's freshness.</summary>
    public E2ESupervisor Supervisor { get; }

    /// <summary>The setpoint in force: what the last control step decided, capped by the safety monitor's verdict.</summary>
    public Setpoint Setpoint { get; private set; } = Setpoint.Off("not started");

    /// <summary>The safety monitor's verdict in force (<see cref="SafetyVerdict.Nominal"/> without a monitor).</summary>
    public SafetyVerdict Verdict => _monitor?.Verdict ?? SafetyVerdict.Nominal;

    /// <summary>What the monitor saw at its last tick.</summary>
    public ref readonly SafetyInputs SafetyInputs => ref _safety;

    /// <summary>The last measurement the controller was given.</summary>
    public MeasuredSample Measurement { get; private set; }

    /// <summary>Frames this end sent.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Setpoints that did not fit the DBC's signals (each sent as output-off instead).</summary>
    public int RangeErrors { get; private set; }

    /// <summary>The first value that did not fit, as one line; null while none.</summary>
    public string? FirstRangeError { get; private set; }

    /// <summary>
    /// The control loop's deadline overruns so far (rt-core's accounting, set by the host's loop before each tick; 0 on
    /// the bench's virtual clock), handed to the monitor's deadline row.
    /// </summary>
    public long DeadlineOverruns { get; set; }

    /// <summary>True once <see cref="Stop"/> was called: the output stays off whatever the controller decides.</summary>
    public bool Stopped => _stopped is not null;

    /// <summary>
    /// The power stage's last valid <c>PS_Status</c> as this end decoded it (null before one arrived, or while it is
    /// timed out) — what a host reads to confirm that a safe stop took effect.
    /// </summary>
    public PowerStageStatus? StageStatus => Supervisor.State(_protocol.Status) is E2EMessageState.Timeout or E2EMessageState.NoData
        ? null
        : _protocol.DecodeStatus(Supervisor.LastValidPayload(_protocol.Status));

    /// <summary>
    /// A safe stop (the host's, on SIGINT/SIGTERM or an operator's command): from the next tick on the output-off
    /// setpoint goes out at once and stays, whatever the controller decides and the monitor allows. Latched.
    /// </summary>
    public void Stop(string reason) => _stopped ??= Setpoint.Off(reason);

    /// <summary>The charge begins: supervision timeouts, the control schedule and the cyclic frames count from now.</summary>
    public void Start(long nowNs)
    {
        _startNs = nowNs;
        _control.Start(nowNs);
        _setpoint.Start(nowNs);
        _heartbeat.Start(nowNs);
        Supervisor.Start(nowNs);
    }

    /// <summary>One tick of the link at <paramref name="nowNs"/>: receive, supervise, control when due, send what is due.</summary>
    public void Tick(long nowNs)
    {
        while (_transport.TryReceive(out _frame))
        {
            Supervisor.OnFrame(_frame);
        }

        Supervisor.Check(nowNs);
        var controlDue = _control.Due(nowNs);
        if (controlDue)
        {
            _decided = Control(nowNs);
        }

        var previous = Setpoint;
        Setpoint = _monitor is null ? _decided : Watch(nowNs).Limit(_decided);
        if (_stopped is { } stopped)
        {
            Setpoint = stopped;
        }

        if (controlDue || Setpoint != previous)
        {
            SendSetpoint(nowNs);
            _setpoint.SentAt(nowNs);
        }
        else if (_setpoint.Due(nowNs))
        {
            SendSetpoint(nowNs);
        }

        if (_heartbeat.Due(nowNs))
        {
            SendHeartbeat(nowNs);
        }
    }

    private Setpoint Control(long nowNs)
    {
        for (var i = 0; i < _needed.Length; i++)
        {
            if (Supervisor.State(_needed[i]) is E2EMessageState.Timeout or E2EMessageState.NoData)
            {
                return _lostSetpoints[i];
            }
        }

        var voltageCurrent = Supervisor.LastValidPayload(_protocol.CellVoltageCurrent);
        var temperaturePressure = Supervisor.LastValidPayload(_protocol.CellTemperaturePressure);
        if (_protocol.DecodeMeasurementStatus(voltageCurrent, temperaturePressure) != 0)
        {
            return _badChannel;
        }

        var cell = _protocol.DecodeCellMeasurement(voltageCurrent, temperaturePressure);
        var sampledNs = Supervisor.LastValidNs(_protocol.CellVoltageCurrent)!.Value - (long)(_protocol.DecodeSampleAge_ms(voltageCurrent) * 1e6);
        Measurement = new MeasuredSample(sampledNs / 1e9, cell.CellVoltage_V, cell.CellCurrent_A, cell.SurfaceTemperature_K, cell.StackPressure_Pa);
        return _controller.Step(Measurement, (nowNs - _startNs) / 1e9);
    }

    /// <summary>The monitor's tick on what the link holds now: its own supervision, not the controller's judgement.</summary>
    private SafetyVerdict Watch(long nowNs)
    {
        ref var x = ref _safety;
        x.TimeNs = nowNs;
        x.DeadlineOverruns = DeadlineOverruns;
        // Lost is a timeout; before the first frame (the start-up grace) nothing is lost, but nothing is known either.
        x.MeasurementLost = Supervisor.State(_protocol.CellVoltageCurrent) == E2EMessageState.Timeout
            || Supervisor.State(_protocol.CellTemperaturePressure) == E2EMessageState.Timeout;
        var fresh = !x.MeasurementLost && Supervisor.LastValidNs(_protocol.CellVoltageCurrent) is not null && Supervisor.LastValidNs(_protocol.CellTemperaturePressure) is not null;
        if (fresh)
        {
            var voltageCurrent = Supervisor.LastValidPayload(_protocol.CellVoltageCurrent);
            var temperaturePressure = Supervisor.LastValidPayload(_protocol.CellTemperaturePressure);
            var cell = _protocol.DecodeCellMeasurement(voltageCurrent, temperaturePressure);
            x.CellVoltage_V = cell.CellVoltage_V;
            x.CellCurrent_A = cell.CellCurrent_A;
            x.SurfaceTemperature_K = cell.SurfaceTemperature_K;
            x.StackPressure_Pa = cell.StackPressure_Pa;
            x.CellSampleNs = Supervisor.LastValidNs(_protocol.CellVoltageCurrent)!.Value - (long)(_protocol.DecodeSampleAge_ms(voltageCurrent) * 1e6);
            x.CellChannelBad = _protocol.DecodeMeasurementStatus(voltageCurrent, temperaturePressure) != 0;
        }
        else
        {
            x.CellVoltage_V = x.CellCurrent_A = x.SurfaceTemperature_K = x.StackPressure_Pa = double.NaN;
        }

        x.StatusLost = Supervisor.State(_protocol.Status) == E2EMessageState.Timeout;
        if (!x.StatusLost && Supervisor.LastValidNs(_protocol.Status) is not null)
        {
            var status = _protocol.DecodeStatus(Supervisor.LastValidPayload(_protocol.Status));
            x.OutputVoltage_V = status.OutputVoltage_V;
            x.OutputCurrent_A = status.OutputCurrent_A;
            x.PowerStageState = status.State;
            x.PowerStageFaults = status.Faults;
        }
        else
        {
            x.OutputVoltage_V = x.OutputCurrent_A = double.NaN;
        }

        x.HeartbeatLost = Supervisor.State(_protocol.PowerStageHeartbeat) == E2EMessageState.Timeout;
        x.CommandedCurrent_A = Setpoint.Enable ? Setpoint.CurrentLimit_A : 0;
        x.CommandedEnable = Setpoint.Enable;
        x.CrcErrors = Supervisor.Count(E2ECheck.CrcError);
        x.CounterErrors = Supervisor.Count(E2ECheck.InvalidCounter) + Supervisor.Count(E2ECheck.RepeatedCounter) + Supervisor.Count(E2ECheck.CounterJump);
        x.Timeouts = Supervisor.Count(E2ECheck.Timeout);
        x.InnovationNis = _controller.InnovationNis;
        return _monitor!.Tick(in x);
    }

    private void SendSetpoint(long nowNs)
    {
        var sp = Setpoint;
        var on = sp.Enable && sp.CurrentLimit_A > 0;
        var wire = new PowerStageSetpoint(on ? sp.CurrentLimit_A : 0, on ? sp.VoltageLimit_V : 0, on, on ? PowerStageMode.ChargeCcCv : PowerStageMode.Off, _options.RampRate_APerS);
        var misfit = _protocol.EncodeSetpoint(wire, ref _frame);
        if (misfit is not null)
        {
            RangeErrors++;
            FirstRangeError ??= _protocol.Misfit(_protocol.Setpoint.Name + ".", misfit, (nowNs - _startNs) / 1e9);
            _protocol.EncodeSetpoint(new PowerStageSetpoint(0, 0, false, PowerStageMode.Off, 0), ref _frame);
        }

        Send(nowNs);
    }

    private void SendHeartbeat(long nowNs)
    {
        _protocol.EncodeControllerHeartbeat(new Heartbeat(NodeState.Operational, (uint)((nowNs - _startNs) / 1_000_000_000L), _options.ProtocolVersion, 0), ref _frame);
        Send(nowNs);
    }

    private void Send(long nowNs)
    {
        _frame.TimestampNs = nowNs;
        if (_transport.TrySend(_frame))
        {
            FramesSent++;
        }
    }
}
