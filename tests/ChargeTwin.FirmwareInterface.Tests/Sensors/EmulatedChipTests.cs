using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using ChargeTwin.FirmwareInterface.Sensors;
using ChargeTwin.FirmwareInterface.Sensors.Emulated;
using Iot.Device.Adc;
using Iot.Device.Ads1115;
using Iot.Device.Hx711;
using Iot.Device.Max31865;
using UnitsNet;

namespace ChargeTwin.FirmwareInterface.Tests.Sensors;

/// <summary>Register behaviour of each emulated chip, seen through its binding used directly.</summary>
public sealed class EmulatedChipTests
{
    [Fact]
    public void Ads1115_InContinuousMode_SamplesThePlantOnEveryRead()
    {
        var plant = new TestPlant();
        var inputs = new AnalogInputs(4);
        inputs.Connect(1, s => s.Voltage_V / 2);
        var chip = new EmulatedAds1115(new I2cConnectionSettings(1, 0x49), plant, () => plant.NowNs, inputs);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN1, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.Continuous);

        for (int k = 0; k < 5; k++)
        {
            plant.NowNs = k * 2_000_000_000L;
            Assert.Equal(plant.Sample(plant.NowNs).Voltage_V / 2, adc.ReadVoltage().Volts, 4.096 / 32768);
        }

        Assert.Equal(0, (chip.Config >> 8) & 1);
    }

    [Fact]
    public void Ads1115_SaturatesAtFullScale()
    {
        var plant = new TestPlant();
        var inputs = new AnalogInputs(4);
        inputs.Connect(0, _ => 5.0);
        var chip = new EmulatedAds1115(new I2cConnectionSettings(1, 0x48), plant, () => 0, inputs);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);

        Assert.Equal(short.MaxValue, adc.ReadRaw());
    }

    [Fact]
    public void Max31865_Pt1000_ConvertsOnlyWithBias_AndTheBindingSwitchesBiasOffAfterwards()
    {
        var plant = new TestPlant();
        var chip = new EmulatedMax31865(new SpiConnectionSettings(0, 1), plant, () => plant.NowNs, 1000, 4300);
        using var rtd = new Max31865(chip, PlatinumResistanceThermometerType.Pt1000, ResistanceTemperatureDetectorWires.ThreeWire, ElectricResistance.FromOhms(4300), ConversionFilterMode.Filter50Hz, shouldDispose: false);

        plant.NowNs = 3_000_000_000;
        Assert.Equal(plant.Sample(plant.NowNs).SurfaceTemperature_K, rtd.Temperature.Kelvins, 0.05);
        Assert.Equal(1, chip.Conversions);

        var config = new byte[2];
        chip.TransferFullDuplex(new byte[] { 0x00, 0x00 }, config);
        Assert.Equal(0, config[1] & 0x80);       // bias off again
        Assert.Equal(0x10, config[1] & 0x10);    // 3-wire
        Assert.Equal(0x01, config[1] & 0x01);    // 50 Hz filter
        Assert.Equal(0, config[1] & 0x20);       // one-shot bit self-cleared

        chip.Write(new byte[] { 0x80, 0xA0 & ~0x80 }); // one-shot without bias: nothing converts
        Assert.Equal(1, chip.Conversions);
    }

    [Fact]
    public void Max31865_FlagsAnOpenRtd_AndClearsTheFaultOnRequest()
    {
        var chip = new EmulatedMax31865(new SpiConnectionSettings(0, 0), new TestPlant(), () => 0, 100, 430) { RtdOpen = true };
        using var rtd = new Max31865(chip, PlatinumResistanceThermometerType.Pt100, ResistanceTemperatureDetectorWires.FourWire, ElectricResistance.FromOhms(430), shouldDispose: false);

        _ = rtd.Temperature;
        Assert.True(rtd.Faults.HighThreshold);
        chip.RtdOpen = false;
        _ = rtd.Temperature;
        Assert.False(rtd.Faults.HighThreshold);
    }

    [Fact]
    public void Hx711_ShiftsTwentyFourBits_AndHonoursTheGainPulses()
    {
        var plant = new TestPlant { NowNs = 1_000_000_000 };
        double grams = plant.Sample(plant.NowNs).StackForce_N / 9.80665 * 1000;
        var chip128 = new EmulatedHx711(5, 6, plant, () => plant.NowNs, countsPerGram: 4.2);
        using var gpio128 = new GpioController(chip128);
        using var at128 = new Hx711(5, 6, new Hx711Options(Hx711Mode.ChannelAGain128, false), gpio128, shouldDispose: false);
        at128.SetConversionRatio(4.2);
        Assert.Equal(Math.Round(grams), (double)at128.GetWeight(3).Grams);
        Assert.Equal(3, chip128.Conversions);
        Assert.Equal(128, chip128.NextGain);

        var chip64 = new EmulatedHx711(5, 6, plant, () => plant.NowNs, countsPerGram: 4.2);
        using var gpio64 = new GpioController(chip64);
        using var at64 = new Hx711(5, 6, new Hx711Options(Hx711Mode.ChannelAGain64, false), gpio64, shouldDispose: false);
        at64.SetConversionRatio(4.2);
        _ = at64.GetWeight(1);                                  // first conversion still at power-on gain 128
        Assert.Equal(64, chip64.NextGain);
        Assert.Equal(Math.Round(grams / 2), (double)at64.GetWeight(1).Grams, 1.0); // later ones at gain 64: half the counts
    }

    [Fact]
    public void Ina219_ProgrammedThroughTheBinding_ReadsShuntBusCurrentAndPower()
    {
        var plant = new TestPlant();
        var chip = new EmulatedIna219(new I2cConnectionSettings(1, 0x40), plant, () => plant.NowNs, shunt_ohm: 0.002);
        using var ina = new Ina219(chip);
        ina.Reset();
        Assert.Equal(Ina219BusVoltageRange.Range32v, ina.BusVoltageRange);
        Assert.Equal(Ina219PgaSensitivity.PlusOrMinus320mv, ina.PgaSensitivity);
        ina.SetCalibration(4096, 0.005f);

        plant.NowNs = 0; // +30 A, 3.70 V
        Assert.Equal(0.060, ina.ReadShuntVoltage().Volts, 1e-5);
        Assert.Equal(3.70, ina.ReadBusVoltage().Volts, 0.004);
        Assert.Equal(30.0, ina.ReadCurrent().Amperes, 0.005);
        Assert.Equal(30.0 * 3.70, (double)ina.ReadPower().Watts, 0.2);
    }

    [Fact]
    public void Ina219_ClipsTheShuntAtThePgaRange()
    {
        var plant = new TestPlant();
        var chip = new EmulatedIna219(new I2cConnectionSettings(1, 0x40), plant, () => 0, shunt_ohm: 0.002, shuntCurrent_A: _ => 100.0);
        using var ina = new Ina219(chip);
        ina.Reset();
        ina.PgaSensitivity = Ina219PgaSensitivity.PlusOrMinus80mv;
        Assert.Equal(0.080, ina.ReadShuntVoltage().Volts, 1e-6);
    }

    [Fact]
    public void PlatinumRtd_MatchesIec60751TableValues()
    {
        Assert.Equal(100.00, PlatinumRtd.Resistance_ohm(273.15, 100), 0.005);
        Assert.Equal(138.51, PlatinumRtd.Resistance_ohm(373.15, 100), 0.005);
        Assert.Equal(84.27, PlatinumRtd.Resistance_ohm(233.15, 100), 0.005);
        Assert.Equal(1385.06, PlatinumRtd.Resistance_ohm(373.15, 1000), 0.05);
    }
}
