using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.RtCore.Config;

/// <summary>Reading values without a reader: a mapping's value by key, and the texts of numbers, integers and booleans.</summary>
public static class YamlScalars
{
    /// <summary>The value of <paramref name="key"/> in <paramref name="map"/>, or null when the key is absent.</summary>
    public static YamlNode? Find(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } text } && text == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>A finite number in the invariant culture.</summary>
    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A whole number in the invariant culture; with <paramref name="hex"/> also 0x… (either case).</summary>
    public static bool TryInteger(string text, bool hex, out int value) =>
        hex && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public static bool TryBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
