using ChargeTwin.Controller.Contract;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.HilBench.PowerStage;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// The power stage's end of the CAN protocol around <see cref="PowerStageEmulator"/>, as the power-stage MCU's
/// firmware behaves (firmware-interface/README.md, timing contract): a setpoint is taken only when it passes its E2E
/// check; a rejected one sets <c>ST_FaultSetpointInvalid</c> and the last valid one stays in force; no valid
/// <c>PS_Setpoint</c> within its timeout (60 ms), or no <c>CTRL_Heartbeat</c> within its own (300 ms), and the output
/// ramps to zero (<c>SafeRampDown</c>, <c>ST_FaultSetpointTimeout</c>). It sends <c>PS_Status</c> and
/// <c>PS_Heartbeat</c> on their cycles.
/// </summary>
public sealed class PowerStageNode
{
    private readonly ChargerProtocol _protocol;
    private readonly ICanTransport _transport;
    private readonly PowerStageEmulator _stage;
    private readonly double _heatsink_K;
    private readonly CycleSchedule _status;
    private readonly CycleSchedule _heartbeat;
    private CanFrame _frame;
    private long _startNs;
    private bool _hadSetpoint;
    private bool _invalid;
    private PowerStageSetpoint _setpoint;

    public PowerStageNode(ChargerProtocol protocol, ICanTransport transport, PowerStageEmulator stage, double heatsink_K, int maxLostFrames = 1)
    {
        _protocol = protocol;
        _transport = transport;
        _stage = stage;
        _heatsink_K = heatsink_K;
        _status = new CycleSchedule(protocol.E2E.For(protocol.Status)!.CycleTimeMs * 1_000_000L);
        _heartbeat = new CycleSchedule(protocol.E2E.For(protocol.PowerStageHeartbeat)!.CycleTimeMs * 1_000_000L);
        Supervisor = new E2ESupervisor(protocol.E2E, [protocol.Setpoint.Name, protocol.ControllerHeartbeat.Name], maxLostFrames: maxLostFrames);
    }

    public ChargerProtocol Protocol => _protocol;

    /// <summary>The receive-side supervision of the controller's frames.</summary>
    public E2ESupervisor Supervisor { get; }

    /// <summary>What the stage is doing now, as the last <see cref="Poll"/> decided.</summary>
    public PowerStageCommand Command { get; private set; } = PowerStageCommand.Off;

    /// <summary>True while the output is ramping down because the controller's setpoint or heartbeat timed out.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>
    /// The stage's own safety mechanism, as the bench's fault metrics name it: no valid setpoint (or controller
    /// heartbeat) for its E2E timeout after the controller had taken over → SafeRampDown, output off. It is judged
    /// against <see cref="SupervisionFttiRow"/>'s FTTI, the monitor's row for the same hazard (the controller has lost
    /// control of the output).
    /// </summary>
    public const string SupervisionMechanism = "PS-SP-TIMEOUT";

    /// <summary>The diagnosis row whose FTTI the stage's own supervision must meet.</summary>
    public const string SupervisionFttiRow = "SM-41";

    /// <summary>True while the stage is in SafeRampDown by its own supervision (its setpoints or the controller's heartbeat timed out after it had had a setpoint).</summary>
    public bool InSafeRampDown => TimedOut && _hadSetpoint;

    public void Start(long nowNs)
    {
        _startNs = nowNs;
        _status.Start(nowNs);
        _heartbeat.Start(nowNs);
        Supervisor.Start(nowNs);
    }

    /// <summary>Takes the frames waiting, supervises them and decides the command; true when the command changed.</summary>
    public bool Poll(long nowNs)
    {
        while (_transport.TryReceive(out _frame))
        {
            var check = Supervisor.OnFrame(_frame);
            if (_frame.Id != _protocol.Setpoint.Id || _frame.IsExtended != _protocol.Setpoint.IsExtended)
            {
                continue;
            }

            _invalid = check is not (E2ECheck.Ok or E2ECheck.OkSomeLost);
            if (!_invalid)
            {
                _setpoint = _protocol.DecodeSetpoint(_frame.Payload);
                _hadSetpoint = true;
            }
        }

        Supervisor.Check(nowNs);
        TimedOut = Supervisor.State(_protocol.Setpoint) == E2EMessageState.Timeout || Supervisor.State(_protocol.ControllerHeartbeat) == E2EMessageState.Timeout;
        var command = TimedOut || !_hadSetpoint
            ? PowerStageCommand.Off
            : new PowerStageCommand(_setpoint.CurrentLimit_A, _setpoint.VoltageLimit_V, _setpoint.Enable && _setpoint.Mode == PowerStageMode.ChargeCcCv, _setpoint.CurrentRampRate_A_per_s);
        var changed = command != Command;
        Command = command;
        return changed;
    }

    /// <summary>Sends what is due: <c>PS_Status</c> (its own output measurement, state, faults) and <c>PS_Heartbeat</c>; returns the first misfit or null.</summary>
    public DbcSignal? Send(long nowNs, in MeasuredSample output)
    {
        DbcSignal? misfit = null;
        if (_status.Due(nowNs))
        {
            misfit = _protocol.EncodeStatus(new PowerStageStatus(output.Current_A, output.Voltage_V, State(), Faults(), _heatsink_K), ref _frame);
            Send(nowNs);
        }

        if (_heartbeat.Due(nowNs))
        {
            _protocol.EncodePowerStageHeartbeat(new Heartbeat(NodeState.Operational, (uint)((nowNs - _startNs) / 1_000_000_000L), 1, 0), ref _frame);
            Send(nowNs);
        }

        return misfit;
    }

    private PowerStageState State() => InSafeRampDown
        ? PowerStageState.SafeRampDown
        : _stage.Mode switch
        {
            RegulationMode.ConstantCurrent => PowerStageState.ConstantCurrent,
            RegulationMode.ConstantVoltage => PowerStageState.ConstantVoltage,
            _ => PowerStageState.Standby,
        };

    private PowerStageFaults Faults() =>
        (TimedOut ? PowerStageFaults.SetpointTimeout : PowerStageFaults.None) | (_invalid ? PowerStageFaults.SetpointInvalid : PowerStageFaults.None);

    private void Send(long nowNs)
    {
        _frame.TimestampNs = nowNs;
        _transport.TrySend(_frame);
    }
}
