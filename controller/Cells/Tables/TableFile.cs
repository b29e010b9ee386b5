using System.Globalization;

namespace ChargeTwin.Cells;

/// <summary>
/// Reads a two-column table (x, y): one point per line, the two numbers separated by a comma and/or
/// whitespace; lines starting with '#' and blank lines are skipped.
/// </summary>
internal static class TableFile
{
    private static readonly char[] Separators = [',', ' ', '\t'];

    /// <summary>The points of <paramref name="text"/>; errors name <paramref name="displayName"/> and the line.</summary>
    public static (double[] X, double[] Y) Parse(string text, string displayName)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var lineNumber = 0;
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2
                || !TryParse(fields[0], out var x)
                || !TryParse(fields[1], out var y))
            {
                throw new ParameterException($"expected two numbers (x, y), got '{line}'", displayName, lineNumber);
            }

            if (xs.Count > 0 && !(x > xs[^1]))
            {
                throw new ParameterException(
                    $"x must increase strictly from line to line ({Format(x)} after {Format(xs[^1])})", displayName, lineNumber);
            }

            xs.Add(x);
            ys.Add(y);
        }

        if (xs.Count < 2)
        {
            throw new ParameterException($"a table needs at least two points, found {xs.Count}", displayName);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    private static bool TryParse(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
