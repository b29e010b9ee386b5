using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>The real buses: /dev/i2c-N, /dev/spidevN.M and the GPIO character device.</summary>
public sealed class HardwareSensorBus : ISensorBus
{
    /// <inheritdoc />
    public I2cDevice OpenI2c(int busId, int address) => I2cDevice.Create(new I2cConnectionSettings(busId, address));

    /// <inheritdoc />
    public SpiDevice OpenSpi(SpiConnectionSettings settings) => SpiDevice.Create(settings);

    /// <inheritdoc />
    public GpioController OpenGpio(int dataPin, int clockPin) => new();
}
