using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// How the sensor adapters reach their chips. <see cref="HardwareSensorBus"/> opens the Linux devices;
/// <see cref="Emulated.EmulatedSensorBus"/> hands out emulated chips fed by a plant. Either way the
/// Iot.Device.Bindings classes do the talking.
/// </summary>
public interface ISensorBus
{
    /// <summary>An I2C device at an address.</summary>
    I2cDevice OpenI2c(int busId, int address);

    /// <summary>An SPI device.</summary>
    SpiDevice OpenSpi(SpiConnectionSettings settings);

    /// <summary>A GPIO controller that owns the given pins.</summary>
    GpioController OpenGpio(int dataPin, int clockPin);
}
