using ChargeTwin.Controller.Contract;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// The CAN cell-measurement front end, as the bench emulates it: every cycle (CM frames: 10 ms) it sends the sensor
/// models' reading taken at that instant (sample age 0) as <c>CM_CellVoltageCurrent</c> and
/// <c>CM_CellTemperaturePressure</c>. The stack force is the measured pressure times the fixture's plate area.
/// </summary>
public sealed class CellFrontEnd(ChargerProtocol protocol, ICanTransport transport, double fixtureArea_m2)
{
    private CanFrame _voltageCurrent;
    private CanFrame _temperaturePressure;

    public ChargerProtocol Protocol { get; } = protocol;

    /// <summary>Sends both frames; returns the first signal whose value did not fit its DBC range (sent saturated), or null.</summary>
    public DbcSignal? Send(in MeasuredSample m, long nowNs)
    {
        var misfit = Protocol.EncodeCellMeasurement(
            new CellMeasurement(m.Voltage_V, m.Current_A, m.Temperature_K, m.StackPressure_Pa * fixtureArea_m2, m.StackPressure_Pa),
            ref _voltageCurrent,
            ref _temperaturePressure);
        _voltageCurrent.TimestampNs = nowNs;
        _temperaturePressure.TimestampNs = nowNs;
        transport.TrySend(_voltageCurrent);
        transport.TrySend(_temperaturePressure);
        return misfit;
    }
}
