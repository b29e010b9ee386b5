using Iot.Device.Ads1115;
using Iot.Device.Max31865;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// One channel of the device map: which chip and input measure a quantity, and the linear calibration
/// physical = Gain * reading + Offset (reading in the chip's unit: V, K, N or A).
/// Fields that do not apply to the chip keep their defaults.
/// </summary>
public sealed record ChannelConfig
{
    /// <summary>What is measured.</summary>
    public required SensorQuantity Quantity { get; init; }

    /// <summary>Which chip.</summary>
    public required ChipKind Chip { get; init; }

    /// <summary>Calibration gain.</summary>
    public double Gain { get; init; } = 1.0;

    /// <summary>Calibration offset, in the quantity's unit.</summary>
    public double Offset { get; init; }

    /// <summary>Line of the channel in the YAML file (for messages).</summary>
    public int Line { get; init; }

    /// <summary>ADS1115 / INA219: 7-bit I2C address.</summary>
    public int I2cAddress { get; init; }

    /// <summary>ADS1115: input multiplexer (AIN0, AIN2_AIN3, ...).</summary>
    public InputMultiplexer Input { get; init; } = InputMultiplexer.AIN0;

    /// <summary>ADS1115: full-scale range.</summary>
    public MeasuringRange Range { get; init; } = MeasuringRange.FS4096;

    /// <summary>ADS1115: data rate.</summary>
    public DataRate DataRate { get; init; } = DataRate.SPS860;

    /// <summary>MAX31865: SPI chip select.</summary>
    public int SpiChipSelect { get; init; }

    /// <summary>MAX31865: Pt100 or Pt1000.</summary>
    public PlatinumResistanceThermometerType Rtd { get; init; } = PlatinumResistanceThermometerType.Pt100;

    /// <summary>MAX31865: 2, 3 or 4 wires.</summary>
    public ResistanceTemperatureDetectorWires Wires { get; init; } = ResistanceTemperatureDetectorWires.FourWire;

    /// <summary>MAX31865: reference resistor in ohms.</summary>
    public double ReferenceResistor_ohm { get; init; } = 430.0;

    /// <summary>HX711: data (DOUT) GPIO.</summary>
    public int DataPin { get; init; }

    /// <summary>HX711: clock (PD_SCK) GPIO.</summary>
    public int ClockPin { get; init; }

    /// <summary>HX711: ADC counts per gram of load (channel A, gain 128).</summary>
    public double CountsPerGram { get; init; } = 1.0;

    /// <summary>INA219: shunt resistance in ohms.</summary>
    public double Shunt_ohm { get; init; } = 0.01;

    /// <summary>INA219: current register resolution in amperes.</summary>
    public double CurrentLsb_A { get; init; } = 0.001;
}
