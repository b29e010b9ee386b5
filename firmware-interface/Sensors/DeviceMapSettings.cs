using System.Globalization;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// A device map setting by key, or its default when the key is absent (null: required), in the device map's words:
/// "is required", "'x' is not an integer", "0x50 is outside 0x48..0x4B". Integers may be written in hex (0x48).
/// </summary>
internal static class DeviceMapSettings
{
    public static YamlMappingNode? OptionalMapping(this YamlReader<DeviceMapException> y, YamlMappingNode map, string key, string path) =>
        YamlScalars.Find(map, key) is { } node ? y.Mapping(node, Join(path, key)) : null;

    /// <summary>The setting's text, or null when the key is absent; an empty value is an error.</summary>
    public static string? OptionalText(this YamlReader<DeviceMapException> y, YamlMappingNode map, string key, string path)
    {
        if (YamlScalars.Find(map, key) is not { } node)
        {
            return null;
        }

        string text = y.Text(node, Join(path, key));
        return text.Length > 0 ? text : throw y.Error(node, Join(path, key), new YamlProblem.NotAValue());
    }

    public static int Int(this YamlReader<DeviceMapException> y, YamlMappingNode map, string key, string path, int? fallback, int min, int max)
    {
        string? text = y.OptionalText(map, key, path);
        if (text is null)
        {
            return fallback ?? throw y.Error(map, Join(path, key), "is required");
        }

        if (!YamlScalars.TryInteger(text, hex: true, out int v))
        {
            throw y.Error(YamlScalars.Find(map, key)!, Join(path, key), $"'{text}' is not an integer");
        }

        if (v < min || v > max)
        {
            throw y.Error(YamlScalars.Find(map, key)!, Join(path, key), $"{text} is outside {Show(min, key)}..{Show(max, key)}");
        }

        return v;
    }

    public static double Double(this YamlReader<DeviceMapException> y, YamlMappingNode map, string key, string path, double? fallback)
    {
        string? text = y.OptionalText(map, key, path);
        if (text is null)
        {
            return fallback ?? throw y.Error(map, Join(path, key), "is required");
        }

        return YamlScalars.TryNumber(text, out double v) ? v : throw y.Error(YamlScalars.Find(map, key)!, Join(path, key), $"'{text}' is not a number");
    }

    public static double PositiveDouble(this YamlReader<DeviceMapException> y, YamlMappingNode map, string key, string path, double? fallback)
    {
        double v = y.Double(map, key, path, fallback);
        return v > 0 ? v : throw y.Error(YamlScalars.Find(map, key) ?? map, Join(path, key), $"must be greater than 0, found {v.ToString(CultureInfo.InvariantCulture)}");
    }

    public static T Enum<T>(this YamlReader<DeviceMapException> y, YamlMappingNode map, string key, string path, T? fallback)
        where T : struct, System.Enum
    {
        string? text = y.OptionalText(map, key, path);
        if (text is null)
        {
            return fallback ?? throw y.Error(map, Join(path, key), $"is required (one of {string.Join(", ", System.Enum.GetNames<T>())})");
        }

        return y.OneOf(YamlScalars.Find(map, key)!, Join(path, key), [.. System.Enum.GetNames<T>().Select(name => (name, System.Enum.Parse<T>(name)))]);
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Show(int v, string key) => key == "address" ? $"0x{v:X2}" : v.ToString(CultureInfo.InvariantCulture);
}
