using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests.Protocol;

public sealed class ChargerProtocolTests
{
    private readonly ChargerProtocol _protocol = TestProtocol.Create();

    [Fact]
    public void Setpoint_RoundTripsWithinOneResolutionStep()
    {
        var sp = new PowerStageSetpoint(-123.456, 4.1999, true, PowerStageMode.Discharge, 12.34);
        CanFrame f = default;
        _protocol.EncodeSetpoint(sp, ref f);

        Assert.Equal((0x100u, (byte)8), (f.Id, f.Dlc));
        PowerStageSetpoint back = _protocol.DecodeSetpoint(f.Payload);
        Assert.Equal(sp.CurrentLimit_A, back.CurrentLimit_A, 0.005);
        Assert.Equal(sp.VoltageLimit_V, back.VoltageLimit_V, 0.0005);
        Assert.Equal(sp.CurrentRampRate_A_per_s, back.CurrentRampRate_A_per_s, 0.05);
        Assert.Equal((true, PowerStageMode.Discharge), (back.Enable, back.Mode));
    }

    [Fact]
    public void Status_RoundTripsAllFaultBitsAndTemperature()
    {
        var st = new PowerStageStatus(55.55, 4.321, PowerStageState.SafeRampDown,
            PowerStageFaults.OverCurrent | PowerStageFaults.SetpointTimeout | PowerStageFaults.Internal, 273.15 + 85);
        CanFrame f = default;
        _protocol.EncodeStatus(st, ref f);

        PowerStageStatus back = _protocol.DecodeStatus(f.Payload);
        Assert.Equal(st.Faults, back.Faults);
        Assert.Equal(st.State, back.State);
        Assert.Equal(st.HeatsinkTemperature_K, back.HeatsinkTemperature_K, 1e-9);
        Assert.Equal(st.OutputCurrent_A, back.OutputCurrent_A, 0.005);
    }

    [Fact]
    public void CellMeasurementAndHeartbeats_RoundTrip()
    {
        var cm = new CellMeasurement(3.6789, -12.345, 298.15 + 31.23, 4321.09, 1_234_000);
        CanFrame a = default, b = default;
        _protocol.EncodeCellMeasurement(cm, ref a, ref b);
        CellMeasurement back = _protocol.DecodeCellMeasurement(a.Payload, b.Payload);
        Assert.Equal(cm.CellVoltage_V, back.CellVoltage_V, 0.00005);
        Assert.Equal(cm.CellCurrent_A, back.CellCurrent_A, 0.0005);
        Assert.Equal(cm.SurfaceTemperature_K, back.SurfaceTemperature_K, 0.005);
        Assert.Equal(cm.StackForce_N, back.StackForce_N, 2.5);
        Assert.Equal(cm.StackPressure_Pa, back.StackPressure_Pa, 1.0);

        var hb = new Heartbeat(NodeState.Degraded, 4_000_000_000, 2, 7);
        CanFrame h = default;
        _protocol.EncodePowerStageHeartbeat(hb, ref h);
        Assert.Equal(hb, _protocol.DecodePowerStageHeartbeat(h.Payload));
        _protocol.EncodeControllerHeartbeat(hb with { VersionMinor = 0 }, ref h);
        Assert.Equal(hb with { VersionMinor = 0 }, _protocol.DecodeControllerHeartbeat(h.Payload));
    }

    [Fact]
    public void AliveCounter_RunsZeroToFourteenAndWraps()
    {
        DbcSignal counter = _protocol.Setpoint.Signal("SP_Counter");
        CanFrame f = default;
        var seen = new List<long>();
        for (int i = 0; i < 31; i++)
        {
            _protocol.EncodeSetpoint(default, ref f);
            seen.Add(counter.GetRaw(f.Payload));
        }

        Assert.Equal(Enumerable.Range(0, 31).Select(i => (long)(i % 15)), seen);
    }

    [Fact]
    public void DbcWithoutAProtocolSignal_IsRejectedWithTheMessageLine()
    {
        string text = File.ReadAllText(ChargerProtocol.DefaultDbcPath).Replace("SP_Enable", "SP_Enabled", StringComparison.Ordinal);
        DbcDatabase db = DbcParser.Parse(text, "edited.dbc");

        var e = Assert.Throws<DbcFormatException>(() => new ChargerProtocol(db));
        Assert.Equal($"edited.dbc:{db.Message("PS_Setpoint").Line}: BO_ PS_Setpoint: the protocol needs a signal named SP_Enable", e.Message);
    }
}
