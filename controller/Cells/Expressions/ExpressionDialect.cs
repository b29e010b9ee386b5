namespace ChargeTwin.Cells;

/// <summary>
/// What an expression may use: our cell-file language (arguments by name, constants, locals, arr, param,
/// table) or BPX's Python subset (the single variable x, exp/tanh/cosh, '**' only).
/// </summary>
internal sealed class ExpressionDialect
{
    private ExpressionDialect(
        IReadOnlyDictionary<string, int> variables,
        string variablesDescription,
        bool cellLanguage,
        IReadOnlySet<string> functions,
        int? temperatureArgument,
        Func<string, TableInterpolation, double, PiecewiseCubic>? tableLoader)
    {
        Variables = variables;
        VariablesDescription = variablesDescription;
        CellLanguage = cellLanguage;
        Functions = functions;
        TemperatureArgument = temperatureArgument;
        TableLoader = tableLoader;
    }

    /// <summary>The physical constants of the cell language (CODATA 2018 exact values, as PyBaMM's constants).</summary>
    public static IReadOnlyDictionary<string, double> Constants { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["R"] = 8.314462618,
        ["F"] = 96485.33212,
        ["k_B"] = 1.380649e-23,
        ["q_e"] = 1.602176634e-19,
        ["pi"] = Math.PI,
    };

    private static readonly HashSet<string> CellFunctions =
        ["exp", "log", "log10", "sqrt", "tanh", "sinh", "cosh", "abs", "min", "max", "pow", "arr", "param", "table", "ltable", "mtable"];

    private static readonly HashSet<string> PythonFunctions = ["exp", "tanh", "cosh"];

    /// <summary>Variable name → argument index.</summary>
    public IReadOnlyDictionary<string, int> Variables { get; }

    /// <summary>"arguments are x, T" — for error messages.</summary>
    public string VariablesDescription { get; }

    /// <summary>True for the cell-file language: '^' is power, constants, locals, arr/param/table allowed.</summary>
    public bool CellLanguage { get; }

    public IReadOnlySet<string> Functions { get; }

    /// <summary>Index of the argument named T, for arr(); null when the function has no temperature.</summary>
    public int? TemperatureArgument { get; }

    /// <summary>Loads table(path) (cubic), ltable(path) (linear) or mtable(path, width) (monotone smoothed); null where tables are not allowed.</summary>
    public Func<string, TableInterpolation, double, PiecewiseCubic>? TableLoader { get; }

    /// <summary>The cell-file language for a function with the given argument names.</summary>
    public static ExpressionDialect ForCellFile(IReadOnlyList<string> arguments, Func<string, TableInterpolation, double, PiecewiseCubic>? tableLoader)
    {
        var variables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            variables[arguments[i]] = i;
        }

        var temperature = variables.TryGetValue("T", out var t) ? t : (int?)null;
        return new ExpressionDialect(
            variables, $"arguments are {string.Join(", ", arguments)}", cellLanguage: true, CellFunctions, temperature, tableLoader);
    }

    /// <summary>BPX's Python expression of x, where x stands for argument <paramref name="argumentIndex"/>.</summary>
    public static ExpressionDialect ForBpx(int argumentIndex) =>
        new(new Dictionary<string, int>(StringComparer.Ordinal) { ["x"] = argumentIndex },
            "the variable is x", cellLanguage: false, PythonFunctions, temperatureArgument: null, tableLoader: null);
}
