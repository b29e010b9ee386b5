using System.Globalization;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// Reads the device map YAML with YamlDotNet's representation model (no reflection, AOT safe) and checks
/// it strictly: unknown keys, missing fields, wrong types, impossible addresses, and a chip that cannot
/// measure the quantity are each one <see cref="DeviceMapException"/> line with file, line, column and field.
/// </summary>
/// <example>
/// <code>
/// i2cBus: 1
/// spiBus: 0
/// channels:
///   cellVoltage: { chip: ads1115, address: 0x48, input: AIN0, range: FS6144 }
///   surfaceTemperature: { chip: max31865, spiChipSelect: 0, rtd: Pt100, wires: 4, referenceResistor_ohm: 430 }
/// </code>
/// </example>
public static class DeviceMapLoader
{
    private static readonly Dictionary<string, SensorQuantity> s_quantities = new(StringComparer.Ordinal)
    {
        ["cellVoltage"] = SensorQuantity.CellVoltage,
        ["current"] = SensorQuantity.Current,
        ["surfaceTemperature"] = SensorQuantity.SurfaceTemperature,
        ["stackPressure"] = SensorQuantity.StackPressure,
        ["stackForce"] = SensorQuantity.StackForce,
    };

    private static readonly Dictionary<string, ChipKind> s_chips = new(StringComparer.Ordinal)
    {
        ["ads1115"] = ChipKind.Ads1115,
        ["max31865"] = ChipKind.Max31865,
        ["hx711"] = ChipKind.Hx711,
        ["ina219"] = ChipKind.Ina219,
    };

    private static readonly Dictionary<ChipKind, string[]> s_keys = new()
    {
        [ChipKind.Ads1115] = ["chip", "gain", "offset", "address", "input", "range", "dataRate"],
        [ChipKind.Max31865] = ["chip", "gain", "offset", "spiChipSelect", "rtd", "wires", "referenceResistor_ohm"],
        [ChipKind.Hx711] = ["chip", "gain", "offset", "dataPin", "clockPin", "countsPerGram"],
        [ChipKind.Ina219] = ["chip", "gain", "offset", "address", "shunt_ohm", "currentLsb_A"],
    };

    private static readonly Dictionary<SensorQuantity, ChipKind[]> s_canMeasure = new()
    {
        [SensorQuantity.CellVoltage] = [ChipKind.Ads1115],
        [SensorQuantity.StackPressure] = [ChipKind.Ads1115],
        [SensorQuantity.Current] = [ChipKind.Ina219, ChipKind.Ads1115],
        [SensorQuantity.SurfaceTemperature] = [ChipKind.Max31865],
        [SensorQuantity.StackForce] = [ChipKind.Hx711],
    };

    /// <summary>Reads and checks a device map file.</summary>
    public static DeviceMap LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeviceMapException(path, 0, 0, "file", $"cannot read: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks device map text; <paramref name="fileName"/> names it in messages.</summary>
    public static DeviceMap Parse(string text, string fileName)
    {
        var ctx = new Context(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DeviceMapException(fileName, (int)e.Start.Line, (int)e.Start.Column, "yaml", OneLine(e.InnerException?.Message ?? e.Message));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DeviceMapException(fileName, 1, 1, "file", "expected a mapping with i2cBus, spiBus and channels");
        }

        ctx.CheckKeys(root, string.Empty, ["i2cBus", "spiBus", "channels"]);
        int i2cBus = ctx.Int(root, "i2cBus", string.Empty, 1, 0, 255);
        int spiBus = ctx.Int(root, "spiBus", string.Empty, 0, 0, 255);
        YamlMappingNode channels = ctx.Mapping(root, "channels", string.Empty)
            ?? throw ctx.Error(root, "channels", "is required: a mapping of quantity name to channel");

        var result = new List<ChannelConfig>();
        foreach ((YamlNode keyNode, YamlNode valueNode) in channels.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            string path = "channels." + key;
            if (!s_quantities.TryGetValue(key, out SensorQuantity quantity))
            {
                throw ctx.Error(keyNode, path, $"unknown quantity (expected one of {string.Join(", ", s_quantities.Keys)})");
            }

            if (valueNode is not YamlMappingNode ch)
            {
                throw ctx.Error(valueNode, path, "expected a mapping with chip: and its settings");
            }

            result.Add(ReadChannel(ctx, ch, path, quantity));
        }

        CheckSharedResources(ctx, channels, result);
        return new DeviceMap(fileName, i2cBus, spiBus, result);
    }

    private static ChannelConfig ReadChannel(Context ctx, YamlMappingNode ch, string path, SensorQuantity quantity)
    {
        string chipName = ctx.String(ch, "chip", path) ?? throw ctx.Error(ch, path + ".chip", $"is required (one of {string.Join(", ", s_chips.Keys)})");
        if (!s_chips.TryGetValue(chipName, out ChipKind chip))
        {
            throw ctx.Error(ctx.Node(ch, "chip")!, path + ".chip", $"unknown chip '{chipName}' (expected one of {string.Join(", ", s_chips.Keys)})");
        }

        if (!s_canMeasure[quantity].Contains(chip))
        {
            throw ctx.Error(ctx.Node(ch, "chip")!, path + ".chip", $"{chipName} cannot measure {path[9..]} (use {string.Join(" or ", s_canMeasure[quantity].Select(c => c.ToString().ToLowerInvariant()))})");
        }

        ctx.CheckKeys(ch, path, s_keys[chip]);
        double gain = ctx.Double(ch, "gain", path, 1.0);
        if (gain == 0)
        {
            throw ctx.Error(ctx.Node(ch, "gain")!, path + ".gain", "must not be 0");
        }

        var config = new ChannelConfig
        {
            Quantity = quantity,
            Chip = chip,
            Gain = gain,
            Offset = ctx.Double(ch, "offset", path, 0.0),
            Line = (int)ch.Start.Line,
        };

        return chip switch
        {
            ChipKind.Ads1115 => config with
            {
                I2cAddress = ctx.Int(ch, "address", path, null, 0x48, 0x4B),
                Input = ctx.Enum(ch, "input", path, (InputMultiplexer?)null),
                Range = ctx.Enum(ch, "range", path, (MeasuringRange?)MeasuringRange.FS4096),
                DataRate = ctx.Enum(ch, "dataRate", path, (DataRate?)DataRate.SPS860),
            },
            ChipKind.Max31865 => config with
            {
                SpiChipSelect = ctx.Int(ch, "spiChipSelect", path, 0, 0, 15),
                Rtd = ctx.Enum(ch, "rtd", path, (PlatinumResistanceThermometerType?)PlatinumResistanceThermometerType.Pt100),
                Wires = ctx.Int(ch, "wires", path, 4, 2, 4) switch
                {
                    2 => ResistanceTemperatureDetectorWires.TwoWire,
                    3 => ResistanceTemperatureDetectorWires.ThreeWire,
                    _ => ResistanceTemperatureDetectorWires.FourWire,
                },
                ReferenceResistor_ohm = ctx.PositiveDouble(ch, "referenceResistor_ohm", path, null),
            },
            ChipKind.Hx711 => config with
            {
                DataPin = ctx.Int(ch, "dataPin", path, null, 0, 1023),
                ClockPin = ctx.Int(ch, "clockPin", path, null, 0, 1023),
                CountsPerGram = ctx.PositiveDouble(ch, "countsPerGram", path, null),
            },
            _ => config with
            {
                I2cAddress = ctx.Int(ch, "address", path, null, 0x40, 0x4F),
                Shunt_ohm = ctx.PositiveDouble(ch, "shunt_ohm", path, null),
                CurrentLsb_A = ctx.PositiveDouble(ch, "currentLsb_A", path, 0.001),
            },
        };
    }

    private static void CheckSharedResources(Context ctx, YamlMappingNode channels, List<ChannelConfig> result)
    {
        foreach (ChannelConfig c in result)
        {
            string path = "channels." + s_quantities.First(q => q.Value == c.Quantity).Key;
            YamlNode node = channels.Children.First(kv => ((YamlScalarNode)kv.Key).Value == path[9..]).Value;
            foreach (ChannelConfig other in result.TakeWhile(o => o != c))
            {
                if (c.Chip is ChipKind.Ads1115 or ChipKind.Ina219 && other.Chip is ChipKind.Ads1115 or ChipKind.Ina219
                    && c.I2cAddress == other.I2cAddress && c.Chip != other.Chip)
                {
                    throw ctx.Error(node, path + ".address", $"0x{c.I2cAddress:X2} is already used by a {other.Chip.ToString().ToLowerInvariant()} (line {other.Line})");
                }

                if (c.Chip == ChipKind.Ads1115 && other.Chip == ChipKind.Ads1115 && c.I2cAddress == other.I2cAddress && c.Input == other.Input)
                {
                    throw ctx.Error(node, path + ".input", $"{c.Input} of the ADS1115 at 0x{c.I2cAddress:X2} is already used (line {other.Line})");
                }

                if (c.Chip == ChipKind.Ina219 && other.Chip == ChipKind.Ina219 && c.I2cAddress == other.I2cAddress)
                {
                    throw ctx.Error(node, path + ".address", $"the INA219 at 0x{c.I2cAddress:X2} is already used (line {other.Line})");
                }

                if (c.Chip == ChipKind.Max31865 && other.Chip == ChipKind.Max31865 && c.SpiChipSelect == other.SpiChipSelect)
                {
                    throw ctx.Error(node, path + ".spiChipSelect", $"chip select {c.SpiChipSelect} is already used (line {other.Line})");
                }

                int[] pins = c.Chip == ChipKind.Hx711 ? [c.DataPin, c.ClockPin] : [];
                int[] otherPins = other.Chip == ChipKind.Hx711 ? [other.DataPin, other.ClockPin] : [];
                if (pins.Intersect(otherPins).Any())
                {
                    throw ctx.Error(node, path + ".dataPin", $"GPIO {pins.Intersect(otherPins).First()} is already used (line {other.Line})");
                }
            }

            if (c.Chip == ChipKind.Hx711 && c.DataPin == c.ClockPin)
            {
                throw ctx.Error(node, path + ".clockPin", "must differ from dataPin");
            }
        }
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ').Trim();

    /// <summary>Typed access to YAML nodes with errors that name file, line, column and field.</summary>
    private sealed class Context(string fileName)
    {
        public DeviceMapException Error(YamlNode at, string field, string problem)
            => new(fileName, (int)at.Start.Line, (int)at.Start.Column, field, problem);

        public YamlNode? Node(YamlMappingNode map, string key)
            => map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? n) ? n : null;

        public void CheckKeys(YamlMappingNode map, string path, string[] allowed)
        {
            foreach (YamlNode k in map.Children.Keys)
            {
                string key = (k as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(key))
                {
                    throw Error(k, Join(path, key), $"unknown key (expected one of {string.Join(", ", allowed)})");
                }
            }
        }

        public YamlMappingNode? Mapping(YamlMappingNode map, string key, string path)
        {
            YamlNode? n = Node(map, key);
            return n switch
            {
                null => null,
                YamlMappingNode m => m,
                _ => throw Error(n, Join(path, key), "expected a mapping"),
            };
        }

        public string? String(YamlMappingNode map, string key, string path)
        {
            YamlNode? n = Node(map, key);
            return n switch
            {
                null => null,
                YamlScalarNode s when !string.IsNullOrEmpty(s.Value) => s.Value,
                _ => throw Error(n, Join(path, key), "expected a single value"),
            };
        }

        public int Int(YamlMappingNode map, string key, string path, int? fallback, int min, int max)
        {
            string? text = String(map, key, path);
            if (text is null)
            {
                return fallback ?? throw Error(map, Join(path, key), "is required");
            }

            bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v)
                : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out v);
            if (!ok)
            {
                throw Error(Node(map, key)!, Join(path, key), $"'{text}' is not an integer");
            }

            if (v < min || v > max)
            {
                throw Error(Node(map, key)!, Join(path, key), $"{text} is outside {Show(min, key)}..{Show(max, key)}");
            }

            return v;
        }

        public double Double(YamlMappingNode map, string key, string path, double? fallback)
        {
            string? text = String(map, key, path);
            if (text is null)
            {
                return fallback ?? throw Error(map, Join(path, key), "is required");
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw Error(Node(map, key)!, Join(path, key), $"'{text}' is not a number");
            }

            return v;
        }

        public double PositiveDouble(YamlMappingNode map, string key, string path, double? fallback)
        {
            double v = Double(map, key, path, fallback);
            return v > 0 ? v : throw Error(Node(map, key) ?? map, Join(path, key), $"must be greater than 0, found {v.ToString(CultureInfo.InvariantCulture)}");
        }

        public T Enum<T>(YamlMappingNode map, string key, string path, T? fallback)
            where T : struct, System.Enum
        {
            string? text = String(map, key, path);
            if (text is null)
            {
                return fallback ?? throw Error(map, Join(path, key), $"is required (one of {string.Join(", ", System.Enum.GetNames<T>())})");
            }

            if (!System.Enum.TryParse(text, ignoreCase: false, out T value) || !System.Enum.IsDefined(value) || char.IsAsciiDigit(text[0]))
            {
                throw Error(Node(map, key)!, Join(path, key), $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
            }

            return value;
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

        private static string Show(int v, string key) => key == "address" ? $"0x{v:X2}" : v.ToString(CultureInfo.InvariantCulture);
    }
}
