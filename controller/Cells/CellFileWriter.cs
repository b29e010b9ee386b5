using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChargeTwin.Cells;

/// <summary>A scalar or function line of a cell file: the name, and the number or the expression text.</summary>
public sealed record CellFileEntry(string Name, double? Value, string? Expression, string? Comment = null);

/// <summary>
/// A cell file as data — name, description, citations, provenance, parameters, functions and the optional
/// uncertainty section — that can be built from a <see cref="ParameterSet"/>, edited and written as YAML in the
/// format <see cref="CellLibrary"/> loads (controller/Cells/parameter-sets/README.md).
/// </summary>
public sealed partial class CellFileDocument
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Citations { get; } = [];
    public string Provenance { get; set; } = "";

    /// <summary>Comment lines written at the top of the file (without the leading '#').</summary>
    public List<string> HeaderComments { get; } = [];

    public List<CellFileEntry> Parameters { get; } = [];
    public List<CellFileEntry> Functions { get; } = [];
    public ParameterUncertainty? Uncertainty { get; set; }

    /// <summary>Where table("…") files of the functions are read from when the document is loaded or copied.</summary>
    internal TableSource? Tables { get; set; }

    /// <summary>
    /// The document of <paramref name="set"/>: every scalar under <c>parameters:</c>, every function as its
    /// expression text. Functions must be in the cell-file language (sets from YAML cells are; BPX sets with
    /// tables given as JSON lists are not and are rejected when loaded back).
    /// </summary>
    public static CellFileDocument FromSet(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var doc = new CellFileDocument
        {
            Name = set.Name,
            Description = set.Description,
            Provenance = set.Provenance,
            Uncertainty = set.Uncertainty,
            Tables = TablesOf(set),
        };
        doc.Citations.AddRange(set.Citations);
        foreach (var name in set.Names)
        {
            if (set.TryGetScalar(name, out var value))
            {
                doc.Parameters.Add(new CellFileEntry(name, value, null));
            }
            else if (set.TryGetFunction(name, out var function))
            {
                doc.Functions.Add(new CellFileEntry(name, null, function.Expression));
            }
        }

        return doc;
    }

    /// <summary>The value of scalar <paramref name="name"/>, or null.</summary>
    public double? Scalar(string name) => Parameters.FirstOrDefault(e => e.Name == name)?.Value;

    /// <summary>Sets scalar <paramref name="name"/>, adding it at the end of <c>parameters:</c> if new.</summary>
    public void SetScalar(string name, double value, string? comment = null)
    {
        var i = Parameters.FindIndex(e => e.Name == name);
        if (i >= 0)
        {
            Parameters[i] = Parameters[i] with { Value = value, Comment = comment ?? Parameters[i].Comment };
        }
        else
        {
            Parameters.Add(new CellFileEntry(name, value, null, comment));
        }
    }

    /// <summary>The expression of function <paramref name="name"/>, or null.</summary>
    public string? FunctionText(string name) => Functions.FirstOrDefault(e => e.Name == name)?.Expression;

    public void SetFunction(string name, string expression)
    {
        var i = Functions.FindIndex(e => e.Name == name);
        if (i < 0)
        {
            throw new ParameterException($"no function '{name}' to rewrite", Name);
        }

        Functions[i] = Functions[i] with { Expression = expression };
    }

    /// <summary>Loads the document as a parameter set (tables from where the document came from).</summary>
    public ParameterSet ToSet(string source)
    {
        var text = CellFileWriter.ToYaml(this);
        return CellFileLoader.Load(text, $"{Name} (generated)", source, Tables ?? TableSource.Embedded("cells"));
    }

    /// <summary>Relative paths of the tables its functions read with table("…"), ltable("…") or mtable("…").</summary>
    public IReadOnlyList<string> TablePaths() =>
        [.. Functions.Where(f => f.Expression is not null)
            .SelectMany(f => TablePattern().Matches(f.Expression!).Select(m => m.Groups[2].Value))
            .Distinct(StringComparer.Ordinal)];

    internal static TableSource TablesOf(ParameterSet set) =>
        set.Source.StartsWith("embedded:", StringComparison.Ordinal) ? TableSource.Embedded("cells") : TableSource.BesideFile(set.Source);

    [GeneratedRegex("""\b[lm]?table\(\s*(["'])(.*?)\1""")]
    private static partial Regex TablePattern();
}

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

        w.AppendLine("parameters:");
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
        if (text.Contains('"', StringComparison.Ordinal) && !text.Contains('\n', StringComparison.Ordinal))
        {
            return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }
}
