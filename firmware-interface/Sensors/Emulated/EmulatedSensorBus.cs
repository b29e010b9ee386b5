using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;

namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// A sensor bus populated with emulated chips, wired as a device map says and fed by a plant: a
/// sensor-level hardware-in-the-loop. Between the plant and each chip sits the true transducer,
/// chip value = (quantity − offset) / gain; by default it is exactly the device map's calibration,
/// and <c>trueTransducers</c> may differ to model a miscalibrated sensor.
/// </summary>
public sealed class EmulatedSensorBus : ISensorBus
{
    /// <summary>Common-mode voltage of differential ADS1115 inputs (the negative pin).</summary>
    public const double DifferentialReference_V = 1.25;

    private readonly Dictionary<int, RegisterI2cDevice> _i2c = [];
    private readonly Dictionary<int, EmulatedMax31865> _spi = [];
    private readonly Dictionary<int, EmulatedHx711> _gpio = [];

    /// <summary>Builds the chips of a device map.</summary>
    /// <param name="map">The device map.</param>
    /// <param name="plant">The cell.</param>
    /// <param name="clockNs">The bench clock; each conversion samples the plant at this time.</param>
    /// <param name="trueTransducers">Per quantity the real (gain, offset) of the transducer, where it differs from the map.</param>
    public EmulatedSensorBus(DeviceMap map, ICellSignalSource plant, Func<long> clockNs, IReadOnlyDictionary<SensorQuantity, (double Gain, double Offset)>? trueTransducers = null)
    {
        var adcInputs = new Dictionary<int, AnalogInputs>();
        foreach (ChannelConfig c in map.Channels)
        {
            (double gain, double offset) = trueTransducers is not null && trueTransducers.TryGetValue(c.Quantity, out var t) ? t : (c.Gain, c.Offset);
            SensorQuantity q = c.Quantity;
            double AtChip(CellSignals s) => (Quantity(s, q) - offset) / gain;

            switch (c.Chip)
            {
                case ChipKind.Ads1115:
                    if (!adcInputs.TryGetValue(c.I2cAddress, out AnalogInputs? inputs))
                    {
                        inputs = new AnalogInputs(4);
                        adcInputs[c.I2cAddress] = inputs;
                        _i2c[c.I2cAddress] = new EmulatedAds1115(new I2cConnectionSettings(map.I2cBus, c.I2cAddress), plant, clockNs, inputs);
                    }

                    (int positive, int negative) = Pins(c.Input);
                    if (negative < 0)
                    {
                        inputs.Connect(positive, AtChip);
                    }
                    else
                    {
                        inputs.Connect(negative, _ => DifferentialReference_V);
                        inputs.Connect(positive, s => DifferentialReference_V + AtChip(s));
                    }

                    break;
                case ChipKind.Ina219:
                    _i2c[c.I2cAddress] = new EmulatedIna219(new I2cConnectionSettings(map.I2cBus, c.I2cAddress), plant, clockNs, c.Shunt_ohm, AtChip);
                    break;
                case ChipKind.Max31865:
                    double r0 = c.Rtd == PlatinumResistanceThermometerType.Pt1000 ? 1000.0 : 100.0;
                    _spi[c.SpiChipSelect] = new EmulatedMax31865(new SpiConnectionSettings(map.SpiBus, c.SpiChipSelect), plant, clockNs, r0, c.ReferenceResistor_ohm, AtChip);
                    break;
                default:
                    _gpio[c.DataPin] = new EmulatedHx711(c.DataPin, c.ClockPin, plant, clockNs, c.CountsPerGram, zeroCounts: 0, AtChip);
                    break;
            }
        }
    }

    /// <summary>The emulated ADS1115 at an address.</summary>
    public EmulatedAds1115 Ads1115At(int address) => (EmulatedAds1115)_i2c[address];

    /// <summary>The emulated INA219 at an address.</summary>
    public EmulatedIna219 Ina219At(int address) => (EmulatedIna219)_i2c[address];

    /// <summary>The emulated MAX31865 on a chip select.</summary>
    public EmulatedMax31865 Max31865At(int chipSelect) => _spi[chipSelect];

    /// <summary>The emulated HX711 whose DOUT is on a pin.</summary>
    public EmulatedHx711 Hx711On(int dataPin) => _gpio[dataPin];

    /// <inheritdoc />
    public I2cDevice OpenI2c(int busId, int address)
        => _i2c.TryGetValue(address, out RegisterI2cDevice? d) ? d : throw new IOException($"no device acknowledges at 0x{address:X2} on I2C bus {busId}");

    /// <inheritdoc />
    public SpiDevice OpenSpi(SpiConnectionSettings settings)
        => _spi.TryGetValue(settings.ChipSelectLine, out EmulatedMax31865? d) ? d : throw new IOException($"nothing on SPI {settings.BusId}.{settings.ChipSelectLine}");

    /// <inheritdoc />
    public GpioController OpenGpio(int dataPin, int clockPin)
        => _gpio.TryGetValue(dataPin, out EmulatedHx711? d) ? new GpioController(d) : throw new IOException($"no HX711 on GPIO {dataPin}");

    /// <summary>The plant value of a quantity.</summary>
    public static double Quantity(in CellSignals s, SensorQuantity q) => q switch
    {
        SensorQuantity.CellVoltage => s.Voltage_V,
        SensorQuantity.Current => s.Current_A,
        SensorQuantity.SurfaceTemperature => s.SurfaceTemperature_K,
        SensorQuantity.StackPressure => s.StackPressure_Pa,
        _ => s.StackForce_N,
    };

    private static (int Positive, int Negative) Pins(InputMultiplexer input) => input switch
    {
        InputMultiplexer.AIN0_AIN1 => (0, 1),
        InputMultiplexer.AIN0_AIN3 => (0, 3),
        InputMultiplexer.AIN1_AIN3 => (1, 3),
        InputMultiplexer.AIN2_AIN3 => (2, 3),
        InputMultiplexer.AIN0 => (0, -1),
        InputMultiplexer.AIN1 => (1, -1),
        InputMultiplexer.AIN2 => (2, -1),
        _ => (3, -1),
    };
}
