using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Typed reading of YAML nodes with errors that name the file, line and field path.</summary>
internal sealed class YamlFields(string file)
{
    public string File { get; } = file;

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public CampaignException Error(YamlNode node, string field, string problem) => new(File, Line(node), field, problem);

    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, field, "expected a mapping (key: value lines)");

    public YamlSequenceNode Sequence(YamlNode node, string field) =>
        node as YamlSequenceNode ?? throw Error(node, field, "expected a list ([a, b] or '- ' lines)");

    /// <summary>A scalar, or a list of scalars as a matrix axis (a single value is a list of one).</summary>
    public IReadOnlyList<YamlNode> Axis(YamlNode node, string field)
    {
        if (node is YamlSequenceNode seq)
        {
            if (seq.Children.Count == 0)
            {
                throw Error(node, field, "the list is empty");
            }

            return [.. seq.Children];
        }

        return [node];
    }

    public string Text(YamlNode node, string field)
    {
        if (node is not YamlScalarNode s || s.Value is null)
        {
            throw Error(node, field, "expected a single value");
        }

        return s.Value;
    }

    public Quantity Quantity(YamlNode node, string field, QuantityKind kind)
    {
        var text = Text(node, field);
        return QuantityParser.TryParse(text, kind, out var problem) ?? throw Error(node, field, problem);
    }

    public double Value(YamlNode node, string field, QuantityKind kind, double? min = null, double? max = null, bool minExclusive = false)
    {
        var q = Quantity(node, field, kind);
        if (q.IsCRate)
        {
            return q.Value;
        }

        var v = q.Value;
        if ((min is { } lo && (minExclusive ? v <= lo : v < lo)) || (max is { } hi && v > hi))
        {
            throw Error(node, field, $"'{Text(node, field)}' is out of range ({Range(kind, min, max, minExclusive)})");
        }

        return v;
    }

    public int Integer(YamlNode node, string field, int min, int max)
    {
        var text = Text(node, field);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            throw Error(node, field, $"'{text}' is not a whole number");
        }

        if (v < min || v > max)
        {
            throw Error(node, field, $"{v} is out of range ({min}–{max})");
        }

        return v;
    }

    public bool Boolean(YamlNode node, string field) => Text(node, field).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(node, field, $"'{other}' is not true or false"),
    };

    /// <summary>The mapping's entries by key, after checking that every key is known (with a suggestion when one is close).</summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string field, IReadOnlyCollection<string> known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, YamlNode, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            var key = Text(k, field);
            var path = field.Length == 0 ? key : $"{field}.{key}";
            if (known.Count > 0 && !known.Contains(key))
            {
                var hint = NameSuggestions.DidYouMean(key, known);
                throw Error(k, path, hint.Length == 0
                    ? $"unknown key (expected one of: {string.Join(", ", known)})"
                    : $"unknown key{hint}");
            }

            if (!seen.Add(key))
            {
                throw Error(k, path, "duplicate key");
            }

            result.Add((key, k, v));
        }

        return result;
    }

    private static string Range(QuantityKind kind, double? min, double? max, bool minExclusive)
    {
        string F(double v) => kind switch
        {
            QuantityKind.Temperature => $"{v - 273.15:0.##} °C",
            QuantityKind.Fraction => $"{v * 100:0.##} %",
            QuantityKind.Time => $"{v:0.###} s",
            QuantityKind.Voltage => $"{v:0.###} V",
            _ => v.ToString("0.###", CultureInfo.InvariantCulture),
        };
        return (min, max) switch
        {
            ({ } lo, { } hi) => $"expected {(minExclusive ? "more than" : "from")} {F(lo)} {(minExclusive ? "and at most" : "to")} {F(hi)}",
            ({ } lo, null) => minExclusive ? $"expected more than {F(lo)}" : $"expected at least {F(lo)}",
            (null, { } hi) => $"expected at most {F(hi)}",
            _ => "",
        };
    }
}
