using System.Text;
using ChargeTwin.FirmwareInterface.Sensors;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>The sensor device map (YAML) through <see cref="DeviceMapLoader.Parse"/>.</summary>
internal static class DeviceMapTarget
{
    public const string File = "fuzz-devices.yaml";

    public static string Run(ReadOnlySpan<byte> data)
    {
        try
        {
            var map = DeviceMapLoader.Parse(Encoding.UTF8.GetString(data), File);
            return Outcome.Ok($"i2c {map.I2cBus}, spi {map.SpiBus}, {map.Channels.Count} channels");
        }
        catch (DeviceMapException e)
        {
            return Outcome.Refused(e, File);
        }
    }
}
