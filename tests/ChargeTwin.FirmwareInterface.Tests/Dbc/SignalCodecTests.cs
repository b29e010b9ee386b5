using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests.Dbc;

/// <summary>Known byte patterns, worked out by hand from the DBC bit layout rules.</summary>
public sealed class SignalCodecTests
{
    private static readonly DbcDatabase s_db = DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath);

    [Fact]
    public void IntelSignedSignal_WritesLittleEndianTwosComplement()
    {
        DbcSignal current = s_db.Message("PS_Setpoint").Signal("SP_CurrentLimit");
        Span<byte> d = stackalloc byte[8];

        current.Encode(d, 12.34);
        Assert.Equal(new byte[] { 0, 0, 0xD2, 0x04, 0, 0, 0, 0 }, d.ToArray());
        current.Encode(d, -12.34);
        Assert.Equal(new byte[] { 0, 0, 0x2E, 0xFB, 0, 0, 0, 0 }, d.ToArray());
        Assert.Equal(-1234, current.GetRaw(d));
        Assert.Equal(-12.34, current.Decode(d), 10);
    }

    [Fact]
    public void IntelSubByteSignals_LeaveNeighbouringBitsAlone()
    {
        DbcMessage sp = s_db.Message("PS_Setpoint");
        Span<byte> d = stackalloc byte[8];
        d.Fill(0xFF);

        sp.Signal("SP_Mode").SetRaw(d, 0);
        Assert.Equal(0x1F, d[1]);
        sp.Signal("SP_Mode").SetRaw(d, 3);
        sp.Signal("SP_Enable").SetRaw(d, 0);
        Assert.Equal(0x6F, d[1]);
        Assert.Equal(0x0F, sp.Signal("SP_Counter").GetRaw(d));
        Assert.All(d[2..].ToArray(), b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void MotorolaSignals_WriteBigEndianFromTheirStartBit()
    {
        DbcMessage cm1 = s_db.Message("CM_CellVoltageCurrent");
        Span<byte> d = stackalloc byte[8];

        cm1.Signal("CM1_CellVoltage").Encode(d, 3.7);
        cm1.Signal("CM1_CellCurrent").Encode(d, -1.5);
        cm1.Signal("CM1_Counter").SetRaw(d, 0x5);
        cm1.Signal("CM1_MeasStatus").SetRaw(d, 0xA);

        Assert.Equal(new byte[] { 0, 0xA5, 0x90, 0x88, 0xFF, 0xFA, 0x24, 0 }, d.ToArray());
        Assert.Equal(-1.5, cm1.Signal("CM1_CellCurrent").Decode(d), 10);
        Assert.Equal(3.7, cm1.Signal("CM1_CellVoltage").Decode(d), 10);
    }

    [Fact]
    public void MotorolaSignalsAcrossNibbles_ShareAByteWithoutDisturbingEachOther()
    {
        DbcMessage cm2 = s_db.Message("CM_CellTemperaturePressure");
        Span<byte> d = stackalloc byte[8];

        cm2.Signal("CM2_StackPressure").SetRaw(d, 0x1E24F);
        cm2.Signal("CM2_StackForce").SetRaw(d, 0xABC);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x1E, 0x24, 0xFA, 0xBC }, d.ToArray());
        Assert.Equal(0x1E24F, cm2.Signal("CM2_StackPressure").GetRaw(d));
        Assert.Equal(0xABC, cm2.Signal("CM2_StackForce").GetRaw(d));
    }

    [Fact]
    public void Encode_SaturatesToTheDbcRange_AndNaNIsZero()
    {
        DbcSignal current = s_db.Message("PS_Setpoint").Signal("SP_CurrentLimit");
        DbcSignal heatsink = s_db.Message("PS_Status").Signal("ST_HeatsinkTemperature");
        Span<byte> d = stackalloc byte[8];

        current.Encode(d, 1e9);
        Assert.Equal(300.0, current.Decode(d), 10);
        current.Encode(d, -1e9);
        Assert.Equal(-300.0, current.Decode(d), 10);
        current.Encode(d, double.NaN);
        Assert.Equal(0.0, current.Decode(d));
        heatsink.Encode(d, -100);
        Assert.Equal(-40.0, heatsink.Decode(d));
        Assert.Equal(0, heatsink.GetRaw(d));
    }

    [Fact]
    public void Fits_SaysWhatEncodeWouldClip_HalfAStepBeyondTheLimitRoundsOntoIt()
    {
        DbcSignal current = s_db.Message("PS_Setpoint").Signal("SP_CurrentLimit");
        DbcSignal pressure = s_db.Message("CM_CellTemperaturePressure").Signal("CM2_StackPressure");
        Assert.True(current.Fits(300));
        Assert.True(current.Fits(300.004));
        Assert.False(current.Fits(300.006));
        Assert.True(current.Fits(-300));
        Assert.False(current.Fits(-300.01));
        Assert.False(current.Fits(double.NaN));
        Assert.False(current.Fits(double.PositiveInfinity));
        Assert.True(pressure.Fits(2_000_000));
        Assert.True(pressure.Fits(2_000_000.9));
        Assert.False(pressure.Fits(2_000_001.1));
        Assert.False(pressure.Fits(-1.1));
    }

    [Fact]
    public void ProtocolEncoders_ReturnTheFirstSignalThatDidNotFit_WithItsValue()
    {
        var protocol = ChargerProtocol.LoadDefault();
        CanFrame a = default, b = default;
        Assert.Null(protocol.EncodeCellMeasurement(new CellMeasurement(3.7, 5, 298.15, 1000, 1e5), ref a, ref b));
        var misfit = protocol.EncodeCellMeasurement(new CellMeasurement(3.7, 5, 273.15 - 50, 1000, 5e6), ref a, ref b);
        Assert.Equal(2e6, protocol.DecodeCellMeasurement(a.Payload, b.Payload).StackPressure_Pa);
        Assert.Equal("CM2_SurfaceTemperature", misfit?.Name);
        Assert.Equal(-50, protocol.MisfitValue, 9);
        Assert.Equal(-40, protocol.DecodeCellMeasurement(a.Payload, b.Payload).SurfaceTemperature_K - 273.15, 9);
        Assert.Equal("SP_VoltageLimit", protocol.EncodeSetpoint(new PowerStageSetpoint(5, 70, true, PowerStageMode.ChargeCcCv, 5), ref a)?.Name);
        Assert.Equal("ST_OutputCurrent", protocol.EncodeStatus(new PowerStageStatus(double.NaN, 4, PowerStageState.Standby, PowerStageFaults.None, 300), ref a)?.Name);
    }

    [Fact]
    public void SixtyFourBitSignal_RoundTripsBothByteOrders()
    {
        DbcDatabase db = DbcParser.Parse(
            "BU_: A\nBO_ 1 L: 8 A\n SG_ X : 0|64@1- (1,0) [0|0] \"\" A\nBO_ 2 M: 8 A\n SG_ Y : 7|64@0+ (1,0) [0|0] \"\" A\n", "wide.dbc");
        Span<byte> d = stackalloc byte[8];
        DbcSignal x = db.Message("L").Signal("X");
        DbcSignal y = db.Message("M").Signal("Y");

        x.SetRaw(d, long.MinValue + 5);
        Assert.Equal(long.MinValue + 5, x.GetRaw(d));
        y.SetRaw(d, 0x0102030405060708);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, d.ToArray());
    }

    [Fact]
    public void ShortPayload_ReadsAsZeroPaddedAndWritesOnlyItsBytes()
    {
        DbcDatabase db = DbcParser.Parse("BU_: A\nBO_ 1 S: 3 A\n SG_ X : 4|16@1+ (1,0) [0|65535] \"\" A\n", "short.dbc");
        DbcSignal x = db.Message("S").Signal("X");
        Span<byte> three = stackalloc byte[3];

        x.SetRaw(three, 0xABCD);
        Assert.Equal(new byte[] { 0xD0, 0xBC, 0x0A }, three.ToArray());
        Assert.Equal(0xABCD, x.GetRaw(three));
    }
}
