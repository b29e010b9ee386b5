using Iot.Device.Hx711;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// Stack force from a load cell on an <see cref="Hx711"/>. The binding's conversion ratio is set to the
/// device map's counts per gram, so it reports grams-force; this channel turns them into newtons
/// (× 9.80665 mN/g). The chip is not powered up through the binding, because its PowerUp tares at the
/// current load and a pre-loaded stack's force is exactly what we measure: zero is the calibration offset.
/// </summary>
public sealed class Hx711Channel : SensorChannel
{
    private const double NewtonsPerGram = 9.80665e-3;
    private readonly Hx711 _adc;

    /// <summary>Creates the channel.</summary>
    public Hx711Channel(Hx711 adc, ChannelConfig config)
        : base(config)
    {
        _adc = adc;
        _adc.SetConversionRatio(config.CountsPerGram);
    }

    /// <inheritdoc />
    protected override double ReadChipValue() => _adc.GetWeight(numberOfReads: 1).Grams * NewtonsPerGram;
}
