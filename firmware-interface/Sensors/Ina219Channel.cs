using Iot.Device.Adc;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// Cell current through an <see cref="Ina219"/> with calibration register 0.04096 / (currentLsb × shunt)
/// (datasheet equation 1). The binding reads the current register as unsigned, so a negative (discharge)
/// current would come back as a large positive one; this channel restores the two's complement sign.
/// </summary>
public sealed class Ina219Channel : SensorChannel
{
    private readonly Ina219 _monitor;

    /// <summary>Creates the channel and programs the chip.</summary>
    public Ina219Channel(Ina219 monitor, ChannelConfig config)
        : base(config)
    {
        _monitor = monitor;
        double calibration = Math.Truncate(0.04096 / (config.CurrentLsb_A * config.Shunt_ohm));
        if (calibration is < 1 or > 0xFFFE)
        {
            throw new ArgumentException($"INA219: currentLsb_A {config.CurrentLsb_A} with shunt_ohm {config.Shunt_ohm} gives calibration {calibration}, outside 1..65534", nameof(config));
        }

        _monitor.Reset();
        _monitor.SetCalibration((ushort)calibration, (float)config.CurrentLsb_A);
    }

    /// <inheritdoc />
    protected override double ReadChipValue()
    {
        double lsb = (float)Config.CurrentLsb_A;
        double raw = Math.Round(_monitor.ReadCurrent().Amperes / lsb);
        if (raw > short.MaxValue)
        {
            raw -= 65536;
        }

        return raw * lsb;
    }
}
