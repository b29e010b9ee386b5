using ChargeTwin.RtCore.Config;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;
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
        var y = new YamlReader<DeviceMapException>(fileName, Error);
        IList<YamlDocument> documents = y.Parse(text);
        if (documents.Count == 0 || documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DeviceMapException(fileName, 1, 1, "file", "expected a mapping with i2cBus, spiBus and channels");
        }

        y.Entries(root, string.Empty, ["i2cBus", "spiBus", "channels"]);
        int i2cBus = y.Int(root, "i2cBus", string.Empty, 1, 0, 255);
        int spiBus = y.Int(root, "spiBus", string.Empty, 0, 0, 255);
        YamlMappingNode channels = y.OptionalMapping(root, "channels", string.Empty)
            ?? throw y.Error(root, "channels", "is required: a mapping of quantity name to channel");

        var result = new List<ChannelConfig>();
        foreach ((string key, _, YamlNode valueNode, YamlLocation at) in y.Entries(channels, "channels", []))
        {
            if (!s_quantities.TryGetValue(key, out SensorQuantity quantity))
            {
                throw y.Error(at, $"unknown quantity (expected one of {string.Join(", ", s_quantities.Keys)})");
            }

            if (valueNode is not YamlMappingNode ch)
            {
                throw y.Error(valueNode, at.Field, "expected a mapping with chip: and its settings");
            }

            result.Add(ReadChannel(y, ch, at.Field, quantity));
        }

        CheckSharedResources(y, channels, result);
        return new DeviceMap(fileName, i2cBus, spiBus, result);
    }

    /// <summary>The device map's errors: one line with file, line, column and field ("yaml" for its syntax, "file" for the whole).</summary>
    private static DeviceMapException Error(YamlLocation at, YamlProblem problem) => problem switch
    {
        YamlProblem.Syntax syntax => new(at.File, at.Line, at.Column, "yaml", syntax.Detail),
        _ => new(at.File, at.Line, at.Column, at.Field.Length == 0 ? "file" : at.Field, problem switch
        {
            YamlProblem.UnknownKey unknown => $"unknown key{unknown.DidYouMean} (expected one of {unknown.KnownList})",
            YamlProblem.NotAMapping => "expected a mapping",
            YamlProblem.NotOneOf choice => $"'{choice.Text}' is not one of {string.Join(", ", choice.Names)}",
            _ => problem.Message,
        }),
    };

    private static ChannelConfig ReadChannel(YamlReader<DeviceMapException> y, YamlMappingNode ch, string path, SensorQuantity quantity)
    {
        string chipName = y.OptionalText(ch, "chip", path) ?? throw y.Error(ch, path + ".chip", $"is required (one of {string.Join(", ", s_chips.Keys)})");
        if (!s_chips.TryGetValue(chipName, out ChipKind chip))
        {
            throw y.Error(YamlScalars.Find(ch, "chip")!, path + ".chip", $"unknown chip '{chipName}' (expected one of {string.Join(", ", s_chips.Keys)})");
        }

        if (!s_canMeasure[quantity].Contains(chip))
        {
            throw y.Error(YamlScalars.Find(ch, "chip")!, path + ".chip", $"{chipName} cannot measure {path[9..]} (use {string.Join(" or ", s_canMeasure[quantity].Select(c => c.ToString().ToLowerInvariant()))})");
        }

        y.Entries(ch, path, s_keys[chip]);
        double gain = y.Double(ch, "gain", path, 1.0);
        if (gain == 0)
        {
            throw y.Error(YamlScalars.Find(ch, "gain")!, path + ".gain", "must not be 0");
        }

        var config = new ChannelConfig
        {
            Quantity = quantity,
            Chip = chip,
            Gain = gain,
            Offset = y.Double(ch, "offset", path, 0.0),
            Line = (int)ch.Start.Line,
        };

        return chip switch
        {
            ChipKind.Ads1115 => config with
            {
                I2cAddress = y.Int(ch, "address", path, null, 0x48, 0x4B),
                Input = y.Enum(ch, "input", path, (InputMultiplexer?)null),
                Range = y.Enum(ch, "range", path, (MeasuringRange?)MeasuringRange.FS4096),
                DataRate = y.Enum(ch, "dataRate", path, (DataRate?)DataRate.SPS860),
            },
            ChipKind.Max31865 => config with
            {
                SpiChipSelect = y.Int(ch, "spiChipSelect", path, 0, 0, 15),
                Rtd = y.Enum(ch, "rtd", path, (PlatinumResistanceThermometerType?)PlatinumResistanceThermometerType.Pt100),
                Wires = y.Int(ch, "wires", path, 4, 2, 4) switch
                {
                    2 => ResistanceTemperatureDetectorWires.TwoWire,
                    3 => ResistanceTemperatureDetectorWires.ThreeWire,
                    _ => ResistanceTemperatureDetectorWires.FourWire,
                },
                ReferenceResistor_ohm = y.PositiveDouble(ch, "referenceResistor_ohm", path, null),
            },
            ChipKind.Hx711 => config with
            {
                DataPin = y.Int(ch, "dataPin", path, null, 0, 1023),
                ClockPin = y.Int(ch, "clockPin", path, null, 0, 1023),
                CountsPerGram = y.PositiveDouble(ch, "countsPerGram", path, null),
            },
            _ => config with
            {
                I2cAddress = y.Int(ch, "address", path, null, 0x40, 0x4F),
                Shunt_ohm = y.PositiveDouble(ch, "shunt_ohm", path, null),
                CurrentLsb_A = y.PositiveDouble(ch, "currentLsb_A", path, 0.001),
            },
        };
    }

    private static void CheckSharedResources(YamlReader<DeviceMapException> y, YamlMappingNode channels, List<ChannelConfig> result)
    {
        foreach (ChannelConfig c in result)
        {
            string path = "channels." + s_quantities.First(q => q.Value == c.Quantity).Key;
            YamlNode node = YamlScalars.Find(channels, path[9..])!;
            foreach (ChannelConfig other in result.TakeWhile(o => o != c))
            {
                if (c.Chip is ChipKind.Ads1115 or ChipKind.Ina219 && other.Chip is ChipKind.Ads1115 or ChipKind.Ina219
                    && c.I2cAddress == other.I2cAddress && c.Chip != other.Chip)
                {
                    throw y.Error(node, path + ".address", $"0x{c.I2cAddress:X2} is already used by a {other.Chip.ToString().ToLowerInvariant()} (line {other.Line})");
                }

                if (c.Chip == ChipKind.Ads1115 && other.Chip == ChipKind.Ads1115 && c.I2cAddress == other.I2cAddress && c.Input == other.Input)
                {
                    throw y.Error(node, path + ".input", $"{c.Input} of the ADS1115 at 0x{c.I2cAddress:X2} is already used (line {other.Line})");
                }

                if (c.Chip == ChipKind.Ina219 && other.Chip == ChipKind.Ina219 && c.I2cAddress == other.I2cAddress)
                {
                    throw y.Error(node, path + ".address", $"the INA219 at 0x{c.I2cAddress:X2} is already used (line {other.Line})");
                }

                if (c.Chip == ChipKind.Max31865 && other.Chip == ChipKind.Max31865 && c.SpiChipSelect == other.SpiChipSelect)
                {
                    throw y.Error(node, path + ".spiChipSelect", $"chip select {c.SpiChipSelect} is already used (line {other.Line})");
                }

                int[] pins = c.Chip == ChipKind.Hx711 ? [c.DataPin, c.ClockPin] : [];
                int[] otherPins = other.Chip == ChipKind.Hx711 ? [other.DataPin, other.ClockPin] : [];
                if (pins.Intersect(otherPins).Any())
                {
                    throw y.Error(node, path + ".dataPin", $"GPIO {pins.Intersect(otherPins).First()} is already used (line {other.Line})");
                }
            }

            if (c.Chip == ChipKind.Hx711 && c.DataPin == c.ClockPin)
            {
                throw y.Error(node, path + ".clockPin", "must differ from dataPin");
            }
        }
    }
}
