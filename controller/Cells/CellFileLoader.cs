using System.Globalization;
using ChargeTwin.RtCore.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.Cells;

/// <summary>
/// Reads our YAML cell files (format: controller/Cells/parameter-sets/README.md). Strict: unknown top-level keys,
/// non-numeric parameters, duplicate keys and unknown function names are errors naming file, line and key.
/// </summary>
internal static class CellFileLoader
{
    private static readonly string[] TopLevelKeys = ["name", "description", "citations", "provenance", "parameters", "functions", "uncertainty"];

    /// <param name="text">The YAML.</param>
    /// <param name="displayName">The file as messages name it.</param>
    /// <param name="source">What <see cref="ParameterSet.Source"/> will say.</param>
    /// <param name="tables">Where table("…") files are looked up.</param>
    public static ParameterSet Load(string text, string displayName, string source, TableSource tables)
    {
        var root = ParseRoot(text, displayName);
        var builder = new ParameterSetBuilder("", source);
        var tableCache = new Dictionary<(string Path, TableInterpolation Kind, double Width), PiecewiseCubic>();
        YamlMappingNode? functions = null;
        (YamlMappingNode Node, SourceLocation Location)? uncertainty = null;
        var hasName = false;

        foreach (var (keyNode, value) in root.Children)
        {
            var key = KeyText(keyNode, displayName);
            var line = Line(keyNode);
            var location = new SourceLocation(displayName, line, key);
            switch (key)
            {
                case "name":
                    builder.Name = Text(value, location);
                    hasName = builder.Name.Length > 0;
                    break;
                case "description":
                    builder.Description = Text(value, location);
                    break;
                case "provenance":
                    builder.Provenance = Text(value, location);
                    break;
                case "citations":
                    if (value is not YamlSequenceNode citations)
                    {
                        throw location.Error("expected a list of citation keys, e.g. [\"OKane2022\", \"Chen2020\"]");
                    }

                    foreach (var citation in citations.Children)
                    {
                        builder.Citations.Add(Text(citation, location with { Line = Line(citation) }));
                    }

                    break;
                case "parameters":
                    ReadParameters(Mapping(value, location), displayName, builder);
                    break;
                case "functions":
                    functions = Mapping(value, location);
                    break;
                case "uncertainty":
                    uncertainty = (Mapping(value, location), location);
                    break;
                default:
                    throw location.Error(
                        $"unknown top-level key{NameSuggestions.DidYouMean(key, TopLevelKeys)} (allowed: {string.Join(", ", TopLevelKeys)})");
            }
        }

        if (!hasName)
        {
            throw new ParameterException("missing 'name:' (the cell's name, e.g. name: OKane2022)", displayName, Line(root));
        }

        // functions after parameters, whatever the order in the file: param() is resolved when the set is built
        if (functions is not null)
        {
            ReadFunctions(functions, displayName, builder, tables, tableCache);
        }

        if (uncertainty is { } section)
        {
            builder.Uncertainty = UncertaintySection.Read(section.Node, displayName, builder);
        }

        return builder.Build();
    }

    private static YamlMappingNode ParseRoot(string text, string displayName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            if (e.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
            {
                throw new ParameterException("duplicate key", displayName, line, KeyOnLine(text, line), e);
            }

            throw new ParameterException($"YAML syntax error: {e.Message}", displayName, line, null, e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ParameterException("empty cell file", displayName);
        }

        if (stream.Documents.Count > 1)
        {
            throw new ParameterException(
                "a cell file holds one YAML document (found a second '---')", displayName, Line(stream.Documents[1].RootNode));
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new ParameterException("expected a mapping of keys (name:, parameters:, functions:, …)", displayName, Line(stream.Documents[0].RootNode));
    }

    private static void ReadParameters(YamlMappingNode parameters, string displayName, ParameterSetBuilder builder)
    {
        foreach (var (keyNode, value) in parameters.Children)
        {
            var name = KeyText(keyNode, displayName);
            var location = new SourceLocation(displayName, Line(keyNode), name);
            builder.AddScalar(name, Number(value, location), location);
        }
    }

    private static void ReadFunctions(
        YamlMappingNode functions,
        string displayName,
        ParameterSetBuilder builder,
        TableSource tables,
        Dictionary<(string Path, TableInterpolation Kind, double Width), PiecewiseCubic> tableCache)
    {
        foreach (var (keyNode, value) in functions.Children)
        {
            var name = KeyText(keyNode, displayName);
            var location = new SourceLocation(displayName, Line(keyNode), name);
            if (!FunctionSignatures.TryGetArguments(name, out var arguments))
            {
                var close = NameSuggestions.Closest(name, FunctionSignatures.Names);
                var hint = close.Count > 0
                    ? $"did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?"
                    : $"the function names are: {string.Join("; ", FunctionSignatures.Names)}";
                throw location.Error($"not a function parameter ({hint})");
            }

            if (value is not YamlScalarNode scalar)
            {
                throw location.Error("expected an expression (a string) or a number");
            }

            if (scalar.Style == ScalarStyle.Plain && TryNumber(scalar.Value, out var constant))
            {
                builder.AddScalar(name, constant, location);
                continue;
            }

            var expression = scalar.Value ?? "";
            var dialect = ExpressionDialect.ForCellFile(arguments, (path, kind, width) => LoadTable(path, kind, width, location, tables, tableCache));
            Expr body;
            try
            {
                body = ExpressionParser.Parse(expression, dialect);
            }
            catch (ExpressionException e)
            {
                throw location.Error(e.Message, e);
            }

            builder.AddFunction(new FunctionDefinition(name, arguments, expression, body, location));
        }
    }

    private static PiecewiseCubic LoadTable(
        string path,
        TableInterpolation kind,
        double width,
        SourceLocation location,
        TableSource tables,
        Dictionary<(string Path, TableInterpolation Kind, double Width), PiecewiseCubic> cache)
    {
        if (cache.TryGetValue((path, kind, width), out var cached))
        {
            return cached;
        }

        var text = tables.TryRead(path, out var displayName)
            ?? throw location.Error($"table file '{path}' not found (looked for {displayName})");
        var (x, y) = TableFile.Parse(text, displayName);
        PiecewiseCubic table;
        try
        {
            table = kind switch
            {
                TableInterpolation.Cubic => TableFit.NotAKnotCubic(x, y, $"cubic spline (not-a-knot) of {path}"),
                TableInterpolation.Linear => TableFit.Linear(x, y, $"linear interpolant of {path}"),
                _ => MonotoneSmoothing.Fit(x, y, width, string.Create(CultureInfo.InvariantCulture, $"monotone, Gaussian-smoothed (width {width:G6}) cubic spline of {path}")),
            };
        }
        catch (ArgumentException e)
        {
            throw location.Error($"table file '{path}': {e.Message}", e);
        }

        cache[(path, kind, width)] = table;
        return table;
    }

    internal static double Number(YamlNode value, SourceLocation location)
    {
        if (value is not YamlScalarNode scalar)
        {
            throw location.Error($"expected a number, got a {(value is YamlSequenceNode ? "list" : "mapping")}");
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            throw location.Error($"expected a number, got the string \"{scalar.Value}\" (numbers are written without quotes)");
        }

        if (!TryNumber(scalar.Value, out var number))
        {
            throw location.Error($"expected a number, got '{scalar.Value}'");
        }

        return number;
    }

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static string Text(YamlNode value, SourceLocation location) =>
        value is YamlScalarNode { Value: { } text } ? text : throw location.Error("expected text");

    internal static YamlMappingNode Mapping(YamlNode value, SourceLocation location) =>
        value as YamlMappingNode ?? throw location.Error("expected a mapping of \"name\": value lines");

    internal static string KeyText(YamlNode key, string displayName) =>
        key is YamlScalarNode { Value: { } text }
            ? text
            : throw new ParameterException("a key must be plain text", displayName, Line(key));

    internal static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>The key written on line <paramref name="line"/> (1-based), for duplicate-key messages.</summary>
    private static string? KeyOnLine(string text, int line)
    {
        var lines = text.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return null;
        }

        var content = lines[line - 1].Trim();
        if (content.Length > 0 && content[0] is '"' or '\'')
        {
            var end = content.IndexOf(content[0], 1);
            return end > 0 ? content[1..end] : null;
        }

        var colon = content.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? content[..colon].Trim() : null;
    }
}
