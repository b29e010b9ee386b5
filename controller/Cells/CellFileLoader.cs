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
        var y = new YamlReader<ParameterException>(displayName, Error);
        var root = ParseRoot(y, text);
        var builder = new ParameterSetBuilder("", source);
        var tableCache = new Dictionary<(string Path, TableInterpolation Kind, double Width), PiecewiseCubic>();
        YamlMappingNode? functions = null;
        YamlMappingNode? uncertainty = null;
        var hasName = false;

        foreach (var (key, _, value, at) in y.Entries(root, "", TopLevelKeys))
        {
            switch (key)
            {
                case "name":
                    builder.Name = y.Text(value, at);
                    hasName = builder.Name.Length > 0;
                    break;
                case "description":
                    builder.Description = y.Text(value, at);
                    break;
                case "provenance":
                    builder.Provenance = y.Text(value, at);
                    break;
                case "citations":
                    if (value is not YamlSequenceNode citations)
                    {
                        throw y.Error(at, "expected a list of citation keys, e.g. [\"OKane2022\", \"Chen2020\"]");
                    }

                    foreach (var citation in citations.Children)
                    {
                        builder.Citations.Add(y.Text(citation, y.At(citation, key)));
                    }

                    break;
                case "parameters":
                    ReadParameters(y, y.Mapping(value, at), builder);
                    break;
                case "functions":
                    functions = y.Mapping(value, at);
                    break;
                case "uncertainty":
                    uncertainty = y.Mapping(value, at);
                    break;
            }
        }

        if (!hasName)
        {
            throw y.Error(root, "", "missing 'name:' (the cell's name, e.g. name: OKane2022)");
        }

        // functions after parameters, whatever the order in the file: param() is resolved when the set is built
        if (functions is not null)
        {
            ReadFunctions(y, functions, builder, tables, tableCache);
        }

        if (uncertainty is not null)
        {
            builder.Uncertainty = UncertaintySection.Read(y, uncertainty, builder);
        }

        return builder.Build();
    }

    /// <summary>
    /// The cell file's errors: one <see cref="ParameterException"/> line naming file, line and key — a parameter or
    /// function by its name, any other key by its path (uncertainty.parameters.sigma), a repeated key as written.
    /// </summary>
    private static ParameterException Error(YamlLocation at, YamlProblem problem) => problem switch
    {
        YamlProblem.Syntax syntax => new($"YAML syntax error: {syntax.Detail}", at.File, at.Line, null, syntax.Cause),
        YamlProblem.DuplicateKey duplicate => new("duplicate key", at.File, at.Line, duplicate.Key),
        YamlProblem.UnknownKey unknown => Located(at).Error(
            $"unknown {(unknown.Mapping.Length == 0 ? "top-level " : "")}key{unknown.DidYouMean} (allowed: {unknown.KnownList})"),
        YamlProblem.NotAMapping => Located(at).Error("expected a mapping of \"name\": value lines"),
        YamlProblem.NotAValue => Located(at).Error("expected text"),
        YamlProblem.NotOneOf choice => Located(at).Error($"expected {choice.Choices}, got '{choice.Text}'"),
        _ => Located(at).Error(problem.Message),
    };

    private static SourceLocation Located(YamlLocation at) => new(at.File, at.Line, at.Field.Length == 0 ? null : at.Field);

    private static YamlMappingNode ParseRoot(YamlReader<ParameterException> y, string text)
    {
        var documents = y.Parse(text);
        if (documents.Count == 0)
        {
            throw new ParameterException("empty cell file", y.File);
        }

        if (documents.Count > 1)
        {
            throw y.Error(documents[1].RootNode, "", "a cell file holds one YAML document (found a second '---')");
        }

        return documents[0].RootNode as YamlMappingNode
            ?? throw y.Error(documents[0].RootNode, "", "expected a mapping of keys (name:, parameters:, functions:, …)");
    }

    private static void ReadParameters(YamlReader<ParameterException> y, YamlMappingNode parameters, ParameterSetBuilder builder)
    {
        foreach (var (name, _, value, at) in y.Entries(parameters, "", []))
        {
            builder.AddScalar(name, y.Number(value, at), Located(at));
        }
    }

    private static void ReadFunctions(
        YamlReader<ParameterException> y,
        YamlMappingNode functions,
        ParameterSetBuilder builder,
        TableSource tables,
        Dictionary<(string Path, TableInterpolation Kind, double Width), PiecewiseCubic> tableCache)
    {
        foreach (var (name, _, value, at) in y.Entries(functions, "", []))
        {
            var location = Located(at);
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

            if (scalar.Style == ScalarStyle.Plain && YamlScalars.TryNumber(scalar.Value, out var constant))
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
}
