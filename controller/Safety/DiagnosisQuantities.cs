using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The table's values with their units, read by the project's <see cref="QuantityParser"/> ("4.25 V", "60 °C",
/// "100 ms"), plus rates: a quantity per time unit ("10 K/min", "50 kPa/min"), held per second.
/// </summary>
internal static class DiagnosisQuantities
{
    /// <summary>What a signal's threshold is written in, as messages say it.</summary>
    public static string UnitsOf(DiagnosisSignalInfo signal) => signal.Kind is not { } kind
        ? "no threshold (a flag)"
        : signal.IsRate ? $"a rate: {QuantityParser.UnitsOf(kind)} per s, min or h (e.g. 10 K/min)" : QuantityParser.UnitsOf(kind);

    /// <summary>A signal's threshold in base units (per second for a rate).</summary>
    public static double Read(YamlReader<DiagnosisTableException> y, YamlNode node, string field, DiagnosisSignalInfo signal)
    {
        var kind = signal.Kind ?? throw new ArgumentException($"{signal.Name} is a flag", nameof(signal));
        if (!signal.IsRate)
        {
            return Read(y, node, field, kind);
        }

        var text = y.Text(node, field);
        var slash = text.LastIndexOf('/');
        var per = slash < 0 ? null : QuantityParser.TryParse("1 " + text[(slash + 1)..].Trim(), QuantityKind.Time, out _);
        if (per is not { Value: > 0 } time)
        {
            throw y.Error(node, field, $"'{text}' is not {UnitsOf(signal)}");
        }

        return Parse(y, node, field, text[..slash], kind) / time.Value;
    }

    /// <summary>A value of <paramref name="kind"/> in base units; a current must be in A or mA (the table knows no capacity).</summary>
    public static double Read(YamlReader<DiagnosisTableException> y, YamlNode node, string field, QuantityKind kind) =>
        Parse(y, node, field, y.Text(node, field), kind);

    private static double Parse(YamlReader<DiagnosisTableException> y, YamlNode node, string field, string text, QuantityKind kind)
    {
        var q = QuantityParser.TryParse(text, kind, out var problem) ?? throw y.Error(node, field, problem);
        return q.IsCRate
            ? throw y.Error(node, field, $"'{text}': a C-rate needs the cell's capacity, which the table does not know; write the current in A")
            : q.Value;
    }
}
