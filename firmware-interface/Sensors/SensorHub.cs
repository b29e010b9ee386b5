using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using Iot.Device.Adc;
using Iot.Device.Ads1115;
using Iot.Device.Hx711;
using Iot.Device.Max31865;
using UnitsNet;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// All sensor channels of a device map, opened on a bus: <see cref="Read"/> reads every channel and
/// returns a calibrated <see cref="SensorMeasurement"/> (NaN for a quantity without channel or with a
/// failed read). Reads do blocking bus I/O, so they run on a sensor thread.
/// </summary>
public sealed class SensorHub : IDisposable
{
    private readonly List<IDisposable> _owned;

    private SensorHub(DeviceMap map, IReadOnlyList<SensorChannel> channels, List<IDisposable> owned)
    {
        Map = map;
        Channels = channels;
        _owned = owned;
    }

    /// <summary>The device map.</summary>
    public DeviceMap Map { get; }

    /// <summary>The open channels, in device-map order.</summary>
    public IReadOnlyList<SensorChannel> Channels { get; }

    /// <summary>Opens every channel of a device map on a bus.</summary>
    /// <exception cref="DeviceMapException">A chip could not be set up (the message names the channel's line).</exception>
    public static SensorHub Open(DeviceMap map, ISensorBus bus)
    {
        var owned = new List<IDisposable>();
        var channels = new List<SensorChannel>();
        var adcs = new Dictionary<int, Ads1115>();
        var monitors = new Dictionary<int, Ina219>();
        try
        {
            foreach (ChannelConfig c in map.Channels)
            {
                channels.Add(c.Chip switch
                {
                    ChipKind.Ads1115 => new Ads1115Channel(SharedAdc(c), c),
                    ChipKind.Ina219 => new Ina219Channel(SharedMonitor(c), c),
                    ChipKind.Max31865 => new Max31865Channel(OpenRtd(c), c),
                    _ => new Hx711Channel(OpenLoadCell(c), c),
                });
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            foreach (IDisposable d in owned)
            {
                d.Dispose();
            }

            ChannelConfig failing = map.Channels[channels.Count];
            throw new DeviceMapException(map.FileName, failing.Line, 1, "channels." + failing.Quantity, $"cannot open the {failing.Chip}: {e.Message}");
        }

        return new SensorHub(map, channels, owned);

        Ads1115 SharedAdc(ChannelConfig c)
        {
            if (!adcs.TryGetValue(c.I2cAddress, out Ads1115? adc))
            {
                I2cDevice device = Own(bus.OpenI2c(map.I2cBus, c.I2cAddress));
                adc = Own(new Ads1115(device, c.Input, c.Range, c.DataRate, DeviceMode.PowerDown));
                adcs[c.I2cAddress] = adc;
            }

            return adc;
        }

        Ina219 SharedMonitor(ChannelConfig c)
        {
            if (!monitors.TryGetValue(c.I2cAddress, out Ina219? monitor))
            {
                monitor = Own(new Ina219(Own(bus.OpenI2c(map.I2cBus, c.I2cAddress))));
                monitors[c.I2cAddress] = monitor;
            }

            return monitor;
        }

        Max31865 OpenRtd(ChannelConfig c)
        {
            var settings = new SpiConnectionSettings(map.SpiBus, c.SpiChipSelect)
            {
                ClockFrequency = Max31865.SpiClockFrequency,
                Mode = Max31865.SpiMode1,
                DataFlow = Max31865.SpiDataFlow,
            };
            SpiDevice spi = Own(bus.OpenSpi(settings));
            return Own(new Max31865(spi, c.Rtd, c.Wires, ElectricResistance.FromOhms(c.ReferenceResistor_ohm), ConversionFilterMode.Filter50Hz, shouldDispose: false));
        }

        Hx711 OpenLoadCell(ChannelConfig c)
        {
            GpioController gpio = Own(bus.OpenGpio(c.DataPin, c.ClockPin));
            return Own(new Hx711(c.DataPin, c.ClockPin, new Hx711Options(Hx711Mode.ChannelAGain128, useByteLittleEndian: false), gpio, shouldDispose: false));
        }

        T Own<T>(T d)
            where T : IDisposable
        {
            owned.Add(d);
            return d;
        }
    }

    /// <summary>Reads every channel once.</summary>
    public SensorMeasurement Read(long timeNs)
    {
        double v = double.NaN, i = double.NaN, t = double.NaN, p = double.NaN, f = double.NaN;
        foreach (SensorChannel c in Channels)
        {
            double value = c.Read();
            switch (c.Quantity)
            {
                case SensorQuantity.CellVoltage: v = value; break;
                case SensorQuantity.Current: i = value; break;
                case SensorQuantity.SurfaceTemperature: t = value; break;
                case SensorQuantity.StackPressure: p = value; break;
                default: f = value; break;
            }
        }

        return new SensorMeasurement(timeNs, v, i, t, p, f);
    }

    /// <summary>The channel of a quantity, or null.</summary>
    public SensorChannel? Channel(SensorQuantity quantity) => Channels.FirstOrDefault(c => c.Quantity == quantity);

    /// <inheritdoc />
    public void Dispose()
    {
        for (int k = _owned.Count - 1; k >= 0; k--)
        {
            _owned[k].Dispose();
        }
    }
}
