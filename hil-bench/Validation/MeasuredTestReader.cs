using System.Globalization;

namespace ChargeTwin.HilBench.Validation;

/// <summary>
/// Reads measured tests. CSV files with a header are mapped by column name (the LG M50 rate-test
/// names and the BPX example's names are known); every column must be known, so a misspelt or
/// foreign column is an error rather than silently ignored. Time must never decrease.
/// </summary>
public static class MeasuredTestReader
{
    private enum Role
    {
        Time,
        Current,
        Voltage,
        Temperature,
        Ignored,
    }

    private static readonly Dictionary<string, Role> KnownColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["time_s"] = Role.Time,
        ["Time [s]"] = Role.Time,
        ["current_A"] = Role.Current,
        ["I[A]"] = Role.Current,
        ["Current [A]"] = Role.Current,
        ["voltage_V"] = Role.Voltage,
        ["U[V]"] = Role.Voltage,
        ["Voltage [V]"] = Role.Voltage,
        ["cellTemp_mid_degC"] = Role.Temperature,
        ["Temperature [degC]"] = Role.Temperature,
        ["power_W"] = Role.Ignored,
        ["cellTemp_pos_degC"] = Role.Ignored,
        ["cellTemp_neg_degC"] = Role.Ignored,
    };

    /// <summary>Column names this reader maps, for help texts and error messages.</summary>
    public static IEnumerable<string> KnownColumnNames => KnownColumns.Keys;

    public static MeasuredTest ReadCsv(string path)
    {
        var name = Path.GetFileName(path);
        using var reader = OpenText(path);
        var header = reader.ReadLine() ?? throw new MeasuredDataException(name, 1, "header", "the file is empty");
        var names = header.Split(',').Select(h => h.Trim()).ToArray();
        var roles = new Role[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            if (!KnownColumns.TryGetValue(names[c], out roles[c]))
            {
                throw new MeasuredDataException(name, 1, $"column '{names[c]}'", $"unknown column (known: {string.Join(", ", KnownColumns.Keys)})");
            }
        }

        foreach (var required in new[] { Role.Time, Role.Current, Role.Voltage })
        {
            if (Array.IndexOf(roles, required) < 0)
            {
                throw new MeasuredDataException(name, 1, "header", $"no {required.ToString().ToLowerInvariant()} column");
            }
        }

        var hasTemperature = Array.IndexOf(roles, Role.Temperature) >= 0;
        List<double> t = [], i = [], v = [], temp = [];
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new MeasuredDataException(name, lineNumber, "row", $"{fields.Length} fields where the header has {names.Length}");
            }

            double time = 0, current = 0, voltage = 0, temperature = double.NaN;
            for (var c = 0; c < fields.Length; c++)
            {
                if (roles[c] == Role.Ignored)
                {
                    continue;
                }

                var text = fields[c].Trim();
                if (text.Length == 0 && roles[c] == Role.Temperature)
                {
                    continue;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new MeasuredDataException(name, lineNumber, names[c], $"'{text}' is not a number");
                }

                switch (roles[c])
                {
                    case Role.Time: time = value; break;
                    case Role.Current: current = value; break;
                    case Role.Voltage: voltage = value; break;
                    case Role.Temperature: temperature = value; break;
                }
            }

            if (t.Count > 0 && time < t[^1])
            {
                throw new MeasuredDataException(name, lineNumber, names[Array.IndexOf(roles, Role.Time)], $"time goes backwards ({time} s after {t[^1]} s)");
            }

            t.Add(time);
            i.Add(current);
            v.Add(voltage);
            temp.Add(temperature);
        }

        if (t.Count < 2)
        {
            throw new MeasuredDataException(name, lineNumber, "rows", "fewer than two samples");
        }

        return new MeasuredTest(name, [.. t], [.. i], [.. v], hasTemperature ? [.. temp] : null);
    }

    /// <summary>Reads a headerless two-column digitised curve (comma or whitespace separated; '#' comments).</summary>
    public static DigitisedCurve ReadTwoColumn(string path)
    {
        var name = Path.GetFileName(path);
        using var reader = OpenText(path);
        List<double> x = [], y = [];
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var parts = trimmed.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new MeasuredDataException(name, lineNumber, "row", $"expected two columns, found {parts.Length}");
            }

            var a = Parse(parts[0], name, lineNumber, "column 1");
            var b = Parse(parts[1], name, lineNumber, "column 2");
            if (x.Count > 0 && a < x[^1])
            {
                throw new MeasuredDataException(name, lineNumber, "column 1", $"time goes backwards ({a} after {x[^1]})");
            }

            x.Add(a);
            y.Add(b);
        }

        if (x.Count < 2)
        {
            throw new MeasuredDataException(name, lineNumber, "rows", "fewer than two points");
        }

        return new DigitisedCurve(name, [.. x], [.. y]);
    }

    private static double Parse(string text, string file, int line, string field) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new MeasuredDataException(file, line, field, $"'{text}' is not a number");

    private static StreamReader OpenText(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new MeasuredDataException(Path.GetFileName(path), 0, "file", $"not found ({path})");
        }

        return new StreamReader(path);
    }
}
