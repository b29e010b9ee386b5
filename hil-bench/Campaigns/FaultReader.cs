using System.Globalization;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Link;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Reads injected faults — a sensor suite's <c>faults:</c> list and the campaign's <c>faults:</c> axis alike: each
/// fault's kind, when it begins (<c>at</c> a charge time or <c>at_soc</c> a true SOC), how long it lasts and the
/// parameters its kind needs, every one checked with its line (format: campaign-files/README.md, "Faults").
/// </summary>
internal sealed class FaultReader(YamlReader<CampaignException> y)
{
    private static readonly string[] Common = ["kind", "at", "at_soc", "duration"];
    private static readonly string[] SensorKeys = ["channel"];
    private static readonly string[] FrameKeys = ["direction", "message"];

    private static readonly string[] AllKeys =
        [.. Common, "channel", "value", "rate", "factor", "direction", "message", "delay", "fraction", "resistance", "power", "reference", "activation_energy"];

    /// <summary>The <c>faults:</c> axis: named fault sets, each a list of faults (or one fault), or <c>[]</c> for none.</summary>
    public List<FaultSet> ReadAxis(YamlNode node)
    {
        var sets = new List<FaultSet>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "faults"), "faults", []))
        {
            var field = $"faults.{name}";
            sets.Add(new FaultSet(name, value is YamlMappingNode ? [Read(value, field)] : ReadList(value, field)));
        }

        return sets.Count > 0 ? sets : throw y.Error(node, "faults", "no fault sets (write `none: []` for a fault-free condition)");
    }

    /// <summary>A list of faults; each item's field is <paramref name="field"/>[i].</summary>
    public List<FaultSpec> ReadList(YamlNode node, string field)
    {
        var list = new List<FaultSpec>();
        var items = y.Sequence(node, field).Children;
        for (var i = 0; i < items.Count; i++)
        {
            list.Add(Read(items[i], items.Count == 1 ? field : $"{field}[{i}]"));
        }

        return list;
    }

    /// <summary>One fault mapping.</summary>
    public FaultSpec Read(YamlNode node, string field)
    {
        var map = y.Mapping(node, field);
        var entries = y.Entries(map, field, AllKeys).ToDictionary(e => e.Key);
        if (!entries.TryGetValue("kind", out var kindEntry))
        {
            throw y.Error(node, $"{field}.kind", $"required key is missing ({KindList()})");
        }

        var kind = Kind(kindEntry.Value, $"{field}.kind");
        var keys = KeysOf(kind);
        foreach (var e in entries.Values)
        {
            if (!keys.Contains(e.Key))
            {
                throw y.Error(e.At, $"'{e.Key}' does not apply to {Article(kind)} fault (its keys: {string.Join(", ", keys)})");
            }
        }

        YamlNode? Get(string key) => entries.TryGetValue(key, out var e) ? e.Value : null;
        YamlNode Need(string key, string what) => Get(key) ?? throw y.Error(node, $"{field}.{key}", $"{Article(kind)} fault needs {key} ({what})");

        if (Get("at") is not null && Get("at_soc") is not null)
        {
            throw y.Error(entries["at_soc"].At, "give at (a charge time) or at_soc (a true SOC), not both");
        }

        var at = Get("at") is { } atNode ? y.Value(atNode, $"{field}.at", QuantityKind.Time, 0, 48 * 3600) : 0;
        var atSoc = Get("at_soc") is { } socNode ? y.Value(socNode, $"{field}.at_soc", QuantityKind.Fraction, 0, 1) : double.NaN;
        var duration = Get("duration") is { } dn ? Duration(dn, $"{field}.duration") : double.PositiveInfinity;
        var channel = FaultSpec.TargetOf(kind) == FaultTarget.Sensor ? Channel(Need("channel", "voltage, current, temperature or pressure"), $"{field}.channel") : SensorChannelId.Voltage;
        var value = kind switch
        {
            FaultKind.Offset => y.SensorValue(Need("value", "the offset, in the channel's units"), $"{field}.value", KindOf(channel), null),
            FaultKind.Drift => Rate(Need("rate", "the channel's units per s, min or h, e.g. 2 mV/s"), $"{field}.rate", channel),
            FaultKind.NoiseBurst => y.Value(Need("factor", "σ's multiplier, e.g. 20"), $"{field}.factor", QuantityKind.Number, 0, 1e6),
            FaultKind.FramesDelayed => y.Value(Need("delay", "e.g. 50 ms"), $"{field}.delay", QuantityKind.Time, 0, 3600, minExclusive: true),
            FaultKind.StageOvershoot => y.Value(Need("factor", "the delivered current over the setpoint, e.g. 1.3"), $"{field}.factor", QuantityKind.Number, 0, 100),
            FaultKind.CoolingFailure => y.Value(Need("fraction", "what remains of the heat-transfer coefficient, e.g. 10 %"), $"{field}.fraction", QuantityKind.Fraction, 0, 1),
            FaultKind.InternalShort => y.Value(Need("resistance", "e.g. 0.5 Ohm"), $"{field}.resistance", QuantityKind.Resistance, 0, 1e6, minExclusive: true),
            FaultKind.SelfHeating => Power(Need("power", "its heat at the reference temperature, e.g. 2 W"), $"{field}.power"),
            _ => 0,
        };

        var spec = new FaultSpec(kind, channel, at, duration, value) { AtSoc = atSoc };
        if (FaultSpec.TargetOf(kind) == FaultTarget.Frames)
        {
            spec = spec with
            {
                Direction = Get("direction") is { } d
                    ? y.OneOf(d, $"{field}.direction", ("to_controller", FrameDirection.ToController), ("to_power_stage", FrameDirection.ToPowerStage), ("both", FrameDirection.Both))
                    : FrameDirection.Both,
                Message = Get("message") is { } m ? Message(m, $"{field}.message") : null,
            };
        }

        if (kind == FaultKind.SelfHeating)
        {
            spec = spec with
            {
                Reference_K = Get("reference") is { } r ? y.Value(r, $"{field}.reference", QuantityKind.Temperature, 200, 600) : 298.15,
                ActivationEnergy_JPerMol = Get("activation_energy") is { } ea ? ActivationEnergy(ea, $"{field}.activation_energy") : 100e3,
            };
        }

        return spec;
    }

    private static string[] KeysOf(FaultKind kind) => kind switch
    {
        FaultKind.Stuck or FaultKind.OpenCircuit => [.. Common, .. SensorKeys],
        FaultKind.Offset => [.. Common, .. SensorKeys, "value"],
        FaultKind.Drift => [.. Common, .. SensorKeys, "rate"],
        FaultKind.NoiseBurst => [.. Common, .. SensorKeys, "factor"],
        FaultKind.FramesLost or FaultKind.FramesCorrupted or FaultKind.FramesReplayed => [.. Common, .. FrameKeys],
        FaultKind.FramesDelayed => [.. Common, .. FrameKeys, "delay"],
        FaultKind.StageOvershoot => [.. Common, "factor"],
        FaultKind.CoolingFailure => [.. Common, "fraction"],
        FaultKind.InternalShort => [.. Common, "resistance"],
        FaultKind.SelfHeating => [.. Common, "power", "reference", "activation_energy"],
        _ => Common,
    };

    /// <summary>"a stuck", "an offset".</summary>
    private static string Article(FaultKind kind) => FaultNames.Of(kind) is var name && "aeiou".Contains(name[0], StringComparison.Ordinal) ? $"an {name}" : $"a {name}";

    private static string KindList() => string.Join(", ", FaultNames.All.Select(n => n.Name));

    private FaultKind Kind(YamlNode node, string field)
    {
        var text = y.Text(node, field);
        foreach (var (name, kind) in FaultNames.All)
        {
            if (name == text)
            {
                return kind;
            }
        }

        var suggestion = NameSuggestions.DidYouMean(text, FaultNames.All.Select(n => n.Name));
        throw y.Error(node, field, $"'{text}': unknown fault kind{suggestion}; expected one of {KindList()}");
    }

    private double Duration(YamlNode node, string field)
    {
        var v = y.Quantity(node, field, QuantityKind.Time).Value;
        if (v < 0)
        {
            throw y.Error(node, field, $"'{y.Text(node, field)}': a duration cannot be negative");
        }

        return y.Value(node, field, QuantityKind.Time, 0, 48 * 3600, minExclusive: true);
    }

    private SensorChannelId Channel(YamlNode node, string field) => y.OneOf(
        node,
        field,
        ("voltage", SensorChannelId.Voltage),
        ("current", SensorChannelId.Current),
        ("temperature", SensorChannelId.Temperature),
        ("pressure", SensorChannelId.Pressure));

    public static QuantityKind KindOf(SensorChannelId channel) => channel switch
    {
        SensorChannelId.Voltage => QuantityKind.Voltage,
        SensorChannelId.Current => QuantityKind.Current,
        SensorChannelId.Temperature => QuantityKind.TemperatureDifference,
        _ => QuantityKind.Pressure,
    };

    /// <summary>"2 mV/s", "0.5 K/min", "100 Pa/h": the channel's quantity per unit of time, in base units per second.</summary>
    private double Rate(YamlNode node, string field, SensorChannelId channel)
    {
        var text = y.Text(node, field);
        var slash = text.LastIndexOf('/');
        if (slash <= 0)
        {
            throw y.Error(node, field, $"'{text}': a rate is a {KindOf(channel).ToString().ToLowerInvariant()} per time, e.g. {Example(channel)}");
        }

        var per = QuantityParser.TryParse("1 " + text[(slash + 1)..].Trim(), QuantityKind.Time, out _);
        if (per is null)
        {
            throw y.Error(node, field, $"'{text}': '{text[(slash + 1)..].Trim()}' is not a time unit (s, min, h)");
        }

        var amount = QuantityParser.TryParse(text[..slash].Trim(), KindOf(channel), out var problem) ?? throw y.Error(node, field, problem);
        if (amount.IsCRate)
        {
            throw y.Error(node, field, $"'{text}': a sensor's errors are absolute (A or mA), not C-rates");
        }

        return amount.Value / per.Value.Value;
    }

    private static string Example(SensorChannelId channel) => channel switch
    {
        SensorChannelId.Voltage => "2 mV/s",
        SensorChannelId.Current => "10 mA/s",
        SensorChannelId.Temperature => "0.1 K/s",
        _ => "100 Pa/s",
    };

    /// <summary>A power in W, mW or kW (the campaign's quantity kinds have none).</summary>
    private double Power(YamlNode node, string field)
    {
        var text = y.Text(node, field);
        var v = Scaled(text, [("mW", 1e-3), ("kW", 1e3), ("W", 1)]);
        return v is > 0 and <= 1e5 ? v.Value : throw y.Error(node, field, $"'{text}': expected a power above 0 W and at most 100 kW, e.g. 2 W");
    }

    /// <summary>An activation energy in kJ/mol or J/mol.</summary>
    private double ActivationEnergy(YamlNode node, string field)
    {
        var text = y.Text(node, field);
        var v = Scaled(text, [("kJ/mol", 1e3), ("J/mol", 1)]);
        return v is >= 0 and <= 1e6 ? v.Value : throw y.Error(node, field, $"'{text}': expected an activation energy from 0 to 1000 kJ/mol, e.g. 100 kJ/mol");
    }

    private static double? Scaled(string text, (string Unit, double Scale)[] units)
    {
        foreach (var (unit, scale) in units)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(text[..^unit.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return v * scale;
            }
        }

        return null;
    }

    /// <summary>A message of the bench's DBC.</summary>
    private string Message(YamlNode node, string field)
    {
        var text = y.Text(node, field);
        var names = BenchProtocol.Database.Messages.Select(m => m.Name).ToList();
        return names.Contains(text)
            ? text
            : throw y.Error(node, field, $"'{text}': not a message of the DBC{NameSuggestions.DidYouMean(text, names)} (one of {string.Join(", ", names)})");
    }
}
