using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.ControllerHost;

/// <summary>
/// The far end of the bus for <c>selftest</c> (and a test peer for <c>run</c> over UDP): a charger power stage and
/// cell front end on any transport. The cell behind it is the reduced-order model with the cell file's nominal parameters (the
/// bench's DFN plant is not part of the host). It delivers what the last setpoint asks (no ramp, off when disabled),
/// measures with the model and sends the CM, PS_Status and heartbeat frames at their DBC cycles. An over-voltage can
/// be forced, to check the monitor's reaction end to end. Allocates nothing per tick.
/// </summary>
public sealed class LoopbackCharger
{
    private readonly ChargerProtocol _frontEnd;
    private readonly ChargerProtocol _stage;
    private readonly ICanTransport _transport;
    private readonly ReducedCellModel _cell;
    private readonly double[] _state;
    private readonly double[] _next;
    private readonly double _ambient_K;
    private CanFrame _a, _b, _frame;
    private long _lastNs = long.MinValue;
    private long _ticks;

    public LoopbackCharger(ChargerProtocol frontEnd, ChargerProtocol stage, ICanTransport transport, ParameterSet cell, double startSoc, double ambient_K)
    {
        _frontEnd = frontEnd;
        _stage = stage;
        _transport = transport;
        _cell = new ReducedCellModel(new TwinParameters(cell));
        _state = new double[_cell.Layout.StateCount];
        _next = new double[_cell.Layout.StateCount];
        _ambient_K = ambient_K;
        _cell.Initialise(_state, startSoc, ambient_K);
    }

    /// <summary>The current the power stage delivers now [A].</summary>
    public double Delivered_A { get; private set; }

    /// <summary>Adds this much to every cell-voltage reading (a forced over-voltage) [V].</summary>
    public double VoltageOffset_V { get; set; }

    public double StateOfCharge { get; private set; }

    /// <summary>One 10 ms tick: the cell runs to now at the delivered current, the frames go out, setpoints come in.</summary>
    public void Tick(long nowNs)
    {
        if (_lastNs != long.MinValue)
        {
            _cell.Step(_state, Delivered_A, _ambient_K, (nowNs - _lastNs) / 1e9, _next);
            _next.CopyTo(_state.AsSpan());
        }

        _lastNs = nowNs;
        _cell.Evaluate(_state, Delivered_A, _ambient_K, out var o);
        StateOfCharge = o.StateOfCharge;
        var voltage = o.Voltage_V + VoltageOffset_V;
        // The bench's fixture: 1 bar preload, 2·10⁷ N/m on a 0.01 m² plate (2 kPa per µm of swelling).
        var pressure = 1e5 + (2e9 * o.ThicknessChange_m);
        _frontEnd.EncodeCellMeasurement(new CellMeasurement(voltage, Delivered_A, o.SurfaceTemperature_K, pressure * 0.01, pressure), ref _a, ref _b);
        Put(ref _a, nowNs);
        Put(ref _b, nowNs);
        _stage.EncodeStatus(new PowerStageStatus(Delivered_A, voltage, Delivered_A > 0 ? PowerStageState.ConstantCurrent : PowerStageState.Standby, PowerStageFaults.None, _ambient_K), ref _frame);
        Put(ref _frame, nowNs);
        if (_ticks++ % 10 == 0)
        {
            _stage.EncodePowerStageHeartbeat(new Heartbeat(NodeState.Operational, (uint)(nowNs / 1_000_000_000L), 2, 0), ref _frame);
            Put(ref _frame, nowNs);
        }

        while (_transport.TryReceive(out var f))
        {
            if (f.Id == _stage.Setpoint.Id)
            {
                var setpoint = _stage.DecodeSetpoint(f.Payload);
                Delivered_A = setpoint.Enable ? Math.Max(0, setpoint.CurrentLimit_A) : 0;
            }
        }
    }

    private void Put(ref CanFrame f, long nowNs)
    {
        f.TimestampNs = nowNs;
        _transport.TrySend(f);
    }
}
