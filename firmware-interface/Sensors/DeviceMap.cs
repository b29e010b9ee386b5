namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>The parsed device map: buses and one channel per measured quantity.</summary>
/// <param name="FileName">Where it came from (for messages).</param>
/// <param name="I2cBus">I2C bus number (/dev/i2c-N).</param>
/// <param name="SpiBus">SPI bus number (/dev/spidevN.cs).</param>
/// <param name="Channels">Channels, at most one per quantity.</param>
public sealed record DeviceMap(string FileName, int I2cBus, int SpiBus, IReadOnlyList<ChannelConfig> Channels)
{
    /// <summary>The channel of a quantity, or null when the map has none.</summary>
    public ChannelConfig? Channel(SensorQuantity quantity) => Channels.FirstOrDefault(c => c.Quantity == quantity);
}
