using System.Text.RegularExpressions;

namespace ChargeTwin.Architecture.Tests;

/// <summary>
/// Reads the dependency table of docs/ARCHITECTURE.md: the first Markdown table after the heading
/// "## The dependency rule", with a "layer" column (its first `code` span is the layer's folder) and a
/// "may reference" column (every `code` span is a layer; "anything" is any layer; none is no other layer).
/// </summary>
public static partial class DocumentedRules
{
    public const string Heading = "## The dependency rule";

    /// <summary>Each documented layer's folder with the layers it may reference (null: any).</summary>
    public static IReadOnlyList<Layer> Parse(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var heading = lines.FindIndex(l => l.TrimEnd() == Heading);
        if (heading < 0)
        {
            throw new FormatException($"no line \"{Heading}\"");
        }

        var rows = lines.Skip(heading + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Select(Cells)
            .ToList();
        if (rows.Count < 3)
        {
            throw new FormatException($"no table with rows after \"{Heading}\"");
        }

        var layerColumn = Column(rows[0], "layer");
        var referenceColumn = Column(rows[0], "may reference");
        return [.. rows.Skip(2).Select(row => new Layer(
            Folders(row[layerColumn]).FirstOrDefault() ?? throw new FormatException($"a row names no layer: {string.Join(" | ", row)}"),
            row[referenceColumn].Contains("anything", StringComparison.OrdinalIgnoreCase) ? null : Folders(row[referenceColumn])))];
    }

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    private static int Column(string[] header, string name)
    {
        var index = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new FormatException($"the table has no column \"{name}\" (columns: {string.Join(", ", header)})");
    }

    /// <summary>The `code` spans of a cell, without a trailing '/'.</summary>
    private static string[] Folders(string cell) => [.. CodeSpan().Matches(cell).Select(m => m.Groups[1].Value.TrimEnd('/'))];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
