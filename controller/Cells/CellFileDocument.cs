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
