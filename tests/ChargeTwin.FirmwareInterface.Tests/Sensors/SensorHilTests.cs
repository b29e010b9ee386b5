using ChargeTwin.FirmwareInterface.Sensors;
using ChargeTwin.FirmwareInterface.Sensors.Emulated;

namespace ChargeTwin.FirmwareInterface.Tests.Sensors;

/// <summary>
/// Sensor-level HIL: the shipped device map opened on emulated chips fed by a plant, every value read
/// through the real Iot.Device.Bindings classes, compared with the plant's truth at that instant.
/// </summary>
public sealed class SensorHilTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void EveryChannel_TracksThePlant_WithinItsChipResolution()
    {
        var plant = new TestPlant();
        DeviceMap map = DeviceMapLoader.LoadFile(DeviceMapLoaderTests.ShippedMapPath);
        var bus = new EmulatedSensorBus(map, plant, () => plant.NowNs);
        using SensorHub hub = SensorHub.Open(map, bus);
        int adcConversionsAtOpen = bus.Ads1115At(0x48).Conversions; // the binding's own configuration writes

        for (int k = 0; k < 12; k++)
        {
            plant.NowNs = k * 1_700_000_000L;
            CellSignals truth = plant.Sample(plant.NowNs);
            SensorMeasurement m = hub.Read(plant.NowNs);

            Assert.Equal(plant.NowNs, m.TimeNs);
            Assert.Equal(truth.Voltage_V, m.CellVoltage_V, 6.144 / 32768);          // 1 LSB at FS6144
            Assert.Equal(truth.StackPressure_Pa, m.StackPressure_Pa, 1.0e7 * 0.256 / 32768); // 1 LSB at FS0256
            Assert.Equal(truth.Current_A, m.Current_A, 0.0101);                      // shunt LSB 10 µV / 2 mΩ, truncated current register
            Assert.Equal(truth.SurfaceTemperature_K, m.SurfaceTemperature_K, 0.05);  // 430/32768 Ω ≈ 0.034 K
            Assert.Equal(truth.StackForce_N, m.StackForce_N, 0.011);                 // binding rounds to whole grams
        }

        Assert.All(hub.Channels, c => Assert.Equal(0, c.Failures));
        Assert.Equal(2 * 12, bus.Ads1115At(0x48).Conversions - adcConversionsAtOpen); // one single shot per ADC channel (voltage, pressure) per read
        Assert.Equal(12, bus.Max31865At(0).Conversions);
        Assert.Equal(12, bus.Hx711On(5).Conversions);
    }

    [Fact]
    public void Ads1115Binding_ProgramsTheChannelsMuxRangeAndSingleShotMode()
    {
        var plant = new TestPlant();
        DeviceMap map = DeviceMapLoader.LoadFile(DeviceMapLoaderTests.ShippedMapPath);
        var bus = new EmulatedSensorBus(map, plant, () => plant.NowNs);
        using SensorHub hub = SensorHub.Open(map, bus);

        hub.Channel(SensorQuantity.StackPressure)!.Read();
        ushort config = bus.Ads1115At(0x48).Config;
        Assert.Equal(0b011, (config >> 12) & 0x7);   // MUX = AIN2 - AIN3
        Assert.Equal(0b101, (config >> 9) & 0x7);    // PGA = ±0.256 V
        Assert.Equal(1, (config >> 8) & 0x1);        // single-shot
        Assert.Equal(0b111, (config >> 5) & 0x7);    // 860 SPS

        hub.Channel(SensorQuantity.CellVoltage)!.Read();
        config = bus.Ads1115At(0x48).Config;
        Assert.Equal(0b100, (config >> 12) & 0x7);   // MUX = AIN0 - GND
        Assert.Equal(0b000, (config >> 9) & 0x7);    // PGA = ±6.144 V
    }

    [Fact]
    public void NegativeCurrent_IsReadWithItsSign_DespiteTheBindingReadingTheRegisterUnsigned()
    {
        var plant = new TestPlant { NowNs = 3_500_000_000 }; // cos(π) = -1: -30 A
        DeviceMap map = DeviceMapLoader.LoadFile(DeviceMapLoaderTests.ShippedMapPath);
        using SensorHub hub = SensorHub.Open(map, new EmulatedSensorBus(map, plant, () => plant.NowNs));

        Assert.Equal(-30.0, hub.Channel(SensorQuantity.Current)!.Read(), 0.0101);
    }

    [Fact]
    public void MiscalibratedTransducer_ShowsUpByExactlyItsError()
    {
        var plant = new TestPlant { NowNs = 2 * Second };
        DeviceMap map = DeviceMapLoader.LoadFile(DeviceMapLoaderTests.ShippedMapPath);
        var truth = new Dictionary<SensorQuantity, (double Gain, double Offset)> { [SensorQuantity.StackForce] = (1.02, 0.0) };
        using SensorHub hub = SensorHub.Open(map, new EmulatedSensorBus(map, plant, () => plant.NowNs, truth));

        double force = hub.Channel(SensorQuantity.StackForce)!.Read();
        Assert.Equal(plant.Sample(plant.NowNs).StackForce_N / 1.02, force, 0.011);
    }

    [Fact]
    public void DisconnectedAdc_AndOpenRtd_GiveNaNAndACountedFailure_NotACrash()
    {
        var plant = new TestPlant();
        DeviceMap map = DeviceMapLoader.LoadFile(DeviceMapLoaderTests.ShippedMapPath);
        var bus = new EmulatedSensorBus(map, plant, () => plant.NowNs);
        using SensorHub hub = SensorHub.Open(map, bus);

        bus.Ads1115At(0x48).Disconnected = true;
        bus.Max31865At(0).RtdOpen = true;
        SensorMeasurement m = hub.Read(0);

        Assert.True(double.IsNaN(m.CellVoltage_V));
        Assert.True(double.IsNaN(m.StackPressure_Pa));
        Assert.True(double.IsNaN(m.SurfaceTemperature_K));
        CellSignals truth = plant.Sample(plant.NowNs);
        Assert.Equal(truth.Current_A, m.Current_A, 0.0101); // the Ina219 on its own address still reads, to its resolution
        Assert.Equal(1, hub.Channel(SensorQuantity.CellVoltage)!.Failures);
        Assert.Contains("no acknowledge", hub.Channel(SensorQuantity.CellVoltage)!.LastFailure, StringComparison.Ordinal);
        Assert.Contains("RTD fault", hub.Channel(SensorQuantity.SurfaceTemperature)!.LastFailure, StringComparison.Ordinal);

        bus.Ads1115At(0x48).Disconnected = false;
        bus.Max31865At(0).RtdOpen = false;
        m = hub.Read(0);
        Assert.Equal(truth.Voltage_V, m.CellVoltage_V, 6.144 / 32768);         // back to 1 LSB at FS6144
        Assert.Equal(truth.SurfaceTemperature_K, m.SurfaceTemperature_K, 0.05); // and the RTD to its resolution
    }

    [Fact]
    public void ChipMissingFromTheBus_IsOneLineNamingTheChannel()
    {
        DeviceMap map = DeviceMapLoader.LoadFile(DeviceMapLoaderTests.ShippedMapPath);
        var moved = map with { Channels = map.Channels.Select(c => c.Quantity == SensorQuantity.Current ? c with { I2cAddress = 0x41 } : c).ToList() };
        var bus = new EmulatedSensorBus(map, new TestPlant(), () => 0);

        var e = Assert.Throws<DeviceMapException>(() => SensorHub.Open(moved, bus));
        Assert.Contains("channels.Current: cannot open the Ina219: no device acknowledges at 0x41", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
