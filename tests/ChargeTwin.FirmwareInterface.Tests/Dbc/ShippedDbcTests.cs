using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests.Dbc;

public sealed class ShippedDbcTests
{
    private static readonly DbcDatabase s_db = DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath);

    [Fact]
    public void ShippedDbc_HasTheSixProtocolMessages_WithTheirIdsAndSenders()
    {
        Assert.Equal(["Controller", "PowerStage", "CellFrontEnd"], s_db.Nodes);
        Assert.Equal(
            ["PS_Setpoint 0x100 Controller", "PS_Status 0x180 PowerStage", "CM_CellVoltageCurrent 0x300 CellFrontEnd",
             "CM_CellTemperaturePressure 0x301 CellFrontEnd", "CTRL_Heartbeat 0x700 Controller", "PS_Heartbeat 0x701 PowerStage"],
            s_db.Messages.Select(m => $"{m.Name} 0x{m.Id:X} {m.Transmitter}"));
        Assert.All(s_db.Messages, m => Assert.Equal(8, m.Dlc));
    }

    [Fact]
    public void ShippedDbc_SignalCarriesByteOrderSignScalingRangeUnitAndComment()
    {
        DbcSignal current = s_db.Message("PS_Setpoint").Signal("SP_CurrentLimit");
        Assert.Equal((16, 16, DbcByteOrder.LittleEndian, true), (current.StartBit, current.Length, current.ByteOrder, current.IsSigned));
        Assert.Equal((0.01, 0.0, -300.0, 300.0, "A"), (current.Factor, current.Offset, current.Minimum, current.Maximum, current.Unit));
        Assert.Equal(["PowerStage"], current.Receivers);
        Assert.StartsWith("Largest charging current", current.Comment, StringComparison.Ordinal);

        DbcSignal pressure = s_db.Message("CM_CellTemperaturePressure").Signal("CM2_StackPressure");
        Assert.Equal((39, 20, DbcByteOrder.BigEndian, false), (pressure.StartBit, pressure.Length, pressure.ByteOrder, pressure.IsSigned));
        Assert.Equal((2.0, 0.0, 2_000_000.0, "Pa"), (pressure.Factor, pressure.Minimum, pressure.Maximum, pressure.Unit));

        DbcSignal heatsink = s_db.Message("PS_Status").Signal("ST_HeatsinkTemperature");
        Assert.Equal((1.0, -40.0, "degC"), (heatsink.Factor, heatsink.Offset, heatsink.Unit));
    }

    [Fact]
    public void ShippedDbc_ValueTablesAndAttributesAreRead()
    {
        DbcMessage status = s_db.Message("PS_Status");
        Assert.Equal("SafeRampDown", status.Signal("ST_State").ValueDescriptions[6]);
        Assert.Equal("ChargeCcCv", s_db.Message("PS_Setpoint").Signal("SP_Mode").ValueDescriptions[1]);
        Assert.Equal("10", s_db.MessageAttribute(status, "GenMsgCycleTime"));
        Assert.Equal("Crc", s_db.SignalAttribute(status.Signal("ST_Crc"), "E2ERole"));
        Assert.Equal("None", s_db.SignalAttribute(status.Signal("ST_State"), "E2ERole"));
        Assert.Contains("timing contract", s_db.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedDbc_TimingContract_SetpointEvery20msTimeoutAfterThreeCycles()
    {
        E2EConfiguration e2e = E2EConfiguration.FromDatabase(s_db);
        E2EMessageConfig setpoint = e2e.For(s_db.Message("PS_Setpoint"))!;
        Assert.Equal((20, 60), (setpoint.CycleTimeMs, setpoint.TimeoutMs));
        Assert.Equal(3 * setpoint.CycleTimeMs, setpoint.TimeoutMs);
        Assert.All(s_db.Messages, m => Assert.NotNull(e2e.For(m)));
        Assert.Equal(s_db.Messages.Count, s_db.Messages.Select(m => e2e.For(m)!.DataId).Distinct().Count());
    }
}
