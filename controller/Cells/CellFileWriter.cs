using System.Globalization;
using System.Text;

namespace ChargeTwin.Cells;

/// <summary>
/// Writes <see cref="CellFileDocument"/>s as YAML cell files (the format of controller/Cells/parameter-sets/README.md, with the
/// <c>uncertainty:</c> section) and copies the tables they read beside them. Numbers are written in the shortest
/// form that reads back to the same double.
/// </summary>
public static class CellFileWriter
{
    /// <summary>
    /// Writes <paramref name="document"/> to <paramref name="path"/> and every table its functions read to the same
    /// relative place beside it (unless a file is already there). Returns the table files written.
    /// </summary>
    public static IReadOnlyList<string> Write(CellFileDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToYaml(document));
        var written = new List<string>();
        foreach (var table in document.TablePaths())
        {
            var target = Path.Combine(directory, table);
            if (File.Exists(target))
            {
                continue;
            }

            var text = (document.Tables ?? TableSource.Embedded("cells")).TryRead(table, out var from)
                ?? throw new ParameterException($"table file '{table}' not found (looked for {from})", path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
            written.Add(target);
        }

        return written;
    }

    public static string ToYaml(CellFileDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var w = new StringBuilder();
        foreach (var comment in d.HeaderComments)
        {
            w.Append("# ").AppendLine(comment);
        }

        w.Append("name: ").AppendLine(Quote(d.Name));
        if (d.Description.Length > 0)
        {
            w.Append("description: ").AppendLine(Quote(d.Description));
        }

        if (d.Citations.Count > 0)
        {
            w.Append("citations: [").Append(string.Join(", ", d.Citations.Select(Quote))).AppendLine("]");
        }

        if (d.Provenance.Length > 0)
        {
            w.AppendLine("provenance: |");
            Block(w, d.Provenance, "  ");
        }

        // an empty "parameters:" reads back as null, not as an empty mapping: a set of functions only writes none
        if (d.Parameters.Count > 0)
        {
            w.AppendLine("parameters:");
        }

        foreach (var e in d.Parameters)
        {
            if (e.Comment is { } comment)
            {
                w.Append("  # ").AppendLine(comment);
            }

            w.Append("  ").Append(Quote(e.Name)).Append(": ").AppendLine(Number(e.Value ?? double.NaN));
        }

        if (d.Functions.Count > 0)
        {
            w.AppendLine("functions:");
            foreach (var e in d.Functions)
            {
                if (e.Comment is { } comment)
                {
                    w.Append("  # ").AppendLine(comment);
                }

                w.Append("  ").Append(Quote(e.Name)).Append(": ").AppendLine(e.Value is { } v ? Number(v) : Quote(e.Expression ?? ""));
            }
        }

        if (d.Uncertainty is { } u)
        {
            WriteUncertainty(w, u);
        }

        return w.ToString();
    }

    private static void WriteUncertainty(StringBuilder w, ParameterUncertainty u)
    {
        var n = u.Parameters.Count;
        w.AppendLine("# Parameter uncertainty of the calibration: a twin draws samples from N(u, covariance) in the fit coordinates");
        w.AppendLine("# u = ln(value) for scale: log, u = value for scale: linear (rows and columns in the order of parameters:).");
        w.AppendLine("uncertainty:");
        w.Append("  method: ").AppendLine(Quote(u.Method));
        w.Append("  converged: ").AppendLine(u.Converged ? "true" : "false");
        w.Append("  residuals: ").AppendLine(u.ResidualCount.ToString(CultureInfo.InvariantCulture));
        if (double.IsFinite(u.ResidualVariance))
        {
            w.Append("  residual_variance: ").AppendLine(Number(u.ResidualVariance));
        }
        w.AppendLine("  parameters:");
        foreach (var p in u.Parameters)
        {
            w.Append("    - name: ").AppendLine(Quote(p.Name));
            w.Append("      value: ").AppendLine(Number(p.Value));
            w.Append("      scale: ").AppendLine(p.Scale == FitScale.Log ? "log" : "linear");
            w.Append("      sigma: ").AppendLine(Number(p.Sigma));
            if (double.IsFinite(p.Lower))
            {
                w.Append("      lower: ").AppendLine(Number(p.Lower));
            }

            if (double.IsFinite(p.Upper))
            {
                w.Append("      upper: ").AppendLine(Number(p.Upper));
            }

            if (p.AtBound)
            {
                w.AppendLine("      at_bound: true");
            }
        }

        Matrix(w, "covariance", u.Covariance, n, "R");
        Matrix(w, "correlation", u.Correlation, n, "F4");
        if (u.Notes.Length > 0)
        {
            w.AppendLine("  notes: |");
            Block(w, u.Notes, "    ");
        }
    }

    private static void Matrix(StringBuilder w, string key, double[,] m, int n, string format)
    {
        w.Append("  ").Append(key).AppendLine(":");
        for (var i = 0; i < n; i++)
        {
            w.Append("    - [");
            for (var j = 0; j < n; j++)
            {
                if (j > 0)
                {
                    w.Append(", ");
                }

                w.Append(format == "R" ? Number(m[i, j]) : m[i, j].ToString(format, CultureInfo.InvariantCulture));
            }

            w.AppendLine("]");
        }
    }

    private static void Block(StringBuilder w, string text, string indent)
    {
        foreach (var line in text.TrimEnd('\n', '\r').Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                w.AppendLine();
            }
            else
            {
                w.Append(indent).AppendLine(trimmed);
            }
        }
    }

    /// <summary>Shortest round-trip form, lower-case exponent; finite numbers only.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a cell file holds finite numbers only");
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }

    /// <summary>A YAML double-quoted string, or single-quoted when the text holds double quotes (as expressions with param("…") do).</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('"', StringComparison.Ordinal) && !text.Any(NeedsEscape))
        {
            return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        // a line break other than '\n' (CR, NEL, LS, PS) or another control character, written raw, would end the
        // line inside the quotes or be read back changed: every one is written as an escape
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => quoted.Append("\\\\"),
                '"' => quoted.Append("\\\""),
                '\n' => quoted.Append("\\n"),
                _ when NeedsEscape(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static bool NeedsEscape(char c) => (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' or '\uFEFF';
}
