using ChargeTwin.FirmwareInterface.Sensors;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;

namespace ChargeTwin.FirmwareInterface.Tests.Sensors;

public sealed class DeviceMapLoaderTests
{
    internal static string ShippedMapPath => Path.Combine(AppContext.BaseDirectory, "config", "devices.yaml");

    [Fact]
    public void ShippedDeviceMap_MapsAllFiveQuantities()
    {
        DeviceMap map = DeviceMapLoader.LoadFile(ShippedMapPath);

        Assert.Equal(5, map.Channels.Count);
        ChannelConfig pressure = map.Channel(SensorQuantity.StackPressure)!;
        Assert.Equal((ChipKind.Ads1115, 0x48, InputMultiplexer.AIN2_AIN3, MeasuringRange.FS0256, 1.0e7), (pressure.Chip, pressure.I2cAddress, pressure.Input, pressure.Range, pressure.Gain));
        ChannelConfig rtd = map.Channel(SensorQuantity.SurfaceTemperature)!;
        Assert.Equal((PlatinumResistanceThermometerType.Pt100, ResistanceTemperatureDetectorWires.FourWire, 430.0), (rtd.Rtd, rtd.Wires, rtd.ReferenceResistor_ohm));
        Assert.Equal((5, 6, 4.2), (map.Channel(SensorQuantity.StackForce)!.DataPin, map.Channel(SensorQuantity.StackForce)!.ClockPin, map.Channel(SensorQuantity.StackForce)!.CountsPerGram));
        Assert.Equal(0.002, map.Channel(SensorQuantity.Current)!.Shunt_ohm);
    }

    public static TheoryData<string, string> BadMaps => new()
    {
        { "i2cBus: 1\nchannels:\n  cellVoltage:\n    chip: ads1115\n    adress: 0x48\n    input: AIN0\n", "bad.yaml:5:5: channels.cellVoltage.adress: unknown key" },
        { "channels:\n  cellVoltage:\n    chip: ads1115\n    address: 0x50\n    input: AIN0\n", "bad.yaml:4:14: channels.cellVoltage.address: 0x50 is outside 0x48..0x4B" },
        { "channels:\n  cellVoltage:\n    chip: ads1115\n    address: 0x48\n    input: AIN7\n", "bad.yaml:5:12: channels.cellVoltage.input: 'AIN7' is not one of" },
        { "channels:\n  cellVoltage:\n    chip: ads1115\n    address: 0x48\n", "bad.yaml:3:5: channels.cellVoltage.input: is required" },
        { "channels:\n  stackForce:\n    chip: ads1115\n", "bad.yaml:3:11: channels.stackForce.chip: ads1115 cannot measure stackForce (use hx711)" },
        { "channels:\n  voltage:\n    chip: ads1115\n", "bad.yaml:2:3: channels.voltage: unknown quantity" },
        { "channels:\n  surfaceTemperature:\n    chip: max31865\n    referenceResistor_ohm: -4\n", "bad.yaml:4:28: channels.surfaceTemperature.referenceResistor_ohm: must be greater than 0" },
        { "channels:\n  surfaceTemperature:\n    chip: max31865\n    referenceResistor_ohm: abc\n", "bad.yaml:4:28: channels.surfaceTemperature.referenceResistor_ohm: 'abc' is not a number" },
        { "channels:\n  stackForce:\n    chip: hx711\n    dataPin: 5\n    clockPin: 5\n    countsPerGram: 1\n", "bad.yaml:3:5: channels.stackForce.clockPin: must differ from dataPin" },
        { "channels:\n  cellVoltage: { chip: ads1115, address: 0x48, input: AIN0 }\n  stackPressure: { chip: ads1115, address: 0x48, input: AIN0 }\n", "bad.yaml:3:18: channels.stackPressure.input: AIN0 of the ADS1115 at 0x48 is already used (line 2)" },
        { "channels:\n  cellVoltage: { chip: ads1115, address: 0x48, input: AIN0, gain: 0 }\n", "bad.yaml:2:67: channels.cellVoltage.gain: must not be 0" },
        { "channels:\n  cellVoltage: [1, 2]\n", "bad.yaml:2:16: channels.cellVoltage: expected a mapping" },
        { "i2cBus: 1\nchannels: {\n", "bad.yaml:3:1: yaml: " },
        { "spiBus: zero\nchannels: {}\n", "bad.yaml:1:9: spiBus: 'zero' is not an integer" },
        { "- 1\n- 2\n", "bad.yaml:1:1: file: expected a mapping" },
        // found by the devicemap fuzz harness (issue 29): the value was quoted with its form feed, breaking the line
        { "channels:\n  cellVoltage: { chip: ads1115, address: 0x48, input: \"AIN0\\f\" }\n", "bad.yaml:2:55: channels.cellVoltage.input: 'AIN0 ' is not one of" },
    };

    [Theory]
    [MemberData(nameof(BadMaps))]
    public void BadDeviceMap_GivesOneLineWithFileLineColumnAndField(string yaml, string expectedStart)
    {
        var e = Assert.Throws<DeviceMapException>(() => DeviceMapLoader.Parse(yaml, "bad.yaml"));
        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message, e.Message.ReplaceLineEndings(""));
    }

    [Fact]
    public void MissingFile_IsOneLine()
    {
        var e = Assert.Throws<DeviceMapException>(() => DeviceMapLoader.LoadFile("/nonexistent/devices.yaml"));
        Assert.StartsWith("/nonexistent/devices.yaml: file: cannot read", e.Message, StringComparison.Ordinal);
    }
}
