using System.Globalization;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// A campaign file's YAML: rt-core's strict reader with the campaign's errors (<see cref="CampaignException"/>:
/// file, line, field path), and what only campaign files hold — quantities with units and matrix axes.
/// </summary>
internal static class CampaignYaml
{
    public static YamlReader<CampaignException> Reader(string file) =>
        new(file, (at, problem) => new CampaignException(at.File, at.Line, at.Field, problem.Message));

    /// <summary>A scalar, or a list of scalars as a matrix axis (a single value is a list of one).</summary>
    public static IReadOnlyList<YamlNode> Axis(this YamlReader<CampaignException> y, YamlNode node, string field)
    {
        if (node is YamlSequenceNode seq)
        {
            if (seq.Children.Count == 0)
            {
                throw y.Error(node, field, "the list is empty");
            }

            return [.. seq.Children];
        }

        return [node];
    }

    public static Quantity Quantity(this YamlReader<CampaignException> y, YamlNode node, string field, QuantityKind kind)
    {
        var text = y.Text(node, field);
        return QuantityParser.TryParse(text, kind, out var problem) ?? throw y.Error(node, field, problem);
    }

    /// <summary>A quantity in base units within [min, max] (a C-rate is not checked: the cell's capacity is not known here).</summary>
    public static double Value(this YamlReader<CampaignException> y, YamlNode node, string field, QuantityKind kind, double? min = null, double? max = null, bool minExclusive = false)
    {
        var q = y.Quantity(node, field, kind);
        if (q.IsCRate)
        {
            return q.Value;
        }

        var v = q.Value;
        if ((min is { } lo && (minExclusive ? v <= lo : v < lo)) || (max is { } hi && v > hi))
        {
            throw y.Error(node, field, $"'{y.Text(node, field)}' is out of range ({Range(kind, min, max, minExclusive)})");
        }

        return v;
    }

    /// <summary>A current (absolute or C-rate) above zero.</summary>
    public static Quantity PositiveCurrent(this YamlReader<CampaignException> y, YamlNode node, string field)
    {
        var q = y.Quantity(node, field, QuantityKind.Current);
        if (!(q.Value > 0))
        {
            throw y.Error(node, field, $"'{y.Text(node, field)}': impossible, the current must be positive");
        }

        return q;
    }

    /// <summary>A sensor error in its channel's units (<paramref name="min"/>: its lower bound, or none); a C-rate is refused — sensor errors are absolute.</summary>
    public static double SensorValue(this YamlReader<CampaignException> y, YamlNode node, string field, QuantityKind kind, double? min)
    {
        var q = y.Quantity(node, field, kind);
        if (q.IsCRate)
        {
            throw y.Error(node, field, $"'{y.Text(node, field)}': a sensor's errors are absolute (A or mA), not C-rates");
        }

        if (min is { } lo && q.Value < lo)
        {
            throw y.Error(node, field, $"'{y.Text(node, field)}' must not be negative");
        }

        return q.Value;
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
