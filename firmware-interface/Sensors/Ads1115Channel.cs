using Iot.Device.Ads1115;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// A voltage on one ADS1115 input (single-ended or differential), read single-shot through
/// <see cref="Ads1115"/> with this channel's multiplexer, range and data rate. Several channels share
/// one chip object.
/// </summary>
public sealed class Ads1115Channel : SensorChannel
{
    private readonly Ads1115 _adc;

    /// <summary>Creates the channel on a shared ADS1115 binding.</summary>
    public Ads1115Channel(Ads1115 adc, ChannelConfig config)
        : base(config) => _adc = adc;

    /// <inheritdoc />
    protected override double ReadChipValue()
    {
        short raw = _adc.ReadRaw(Config.Input, Config.Range, Config.DataRate);
        return _adc.RawToVoltage(raw).Volts;
    }
}
