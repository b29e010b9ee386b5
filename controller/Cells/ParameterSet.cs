using System.Globalization;
using ChargeTwin.RtCore.Config;

namespace ChargeTwin.Cells;

/// <summary>
/// An immutable cell parameter set: named scalars and functions, keyed by PyBaMM's descriptive names
/// with units in brackets ("Negative electrode thickness [m]"). Loaded by <see cref="CellLibrary"/>
/// from our YAML cell files or from BPX JSON; the model cannot tell which.
/// </summary>
public sealed class ParameterSet
{
    private readonly IReadOnlyList<string> _names;
    private readonly Dictionary<string, double> _scalars;
    private readonly Dictionary<string, FunctionDefinition> _definitions;
    private readonly Dictionary<string, CellFunction> _functions;

    internal ParameterSet(
        string name,
        string source,
        string description,
        IReadOnlyList<string> citations,
        string provenance,
        IReadOnlyList<string> names,
        Dictionary<string, double> scalars,
        Dictionary<string, FunctionDefinition> definitions,
        IReadOnlyDictionary<string, CellFunction>? unchangedFunctions = null,
        ParameterUncertainty? uncertainty = null)
    {
        Uncertainty = uncertainty;
        Name = name;
        Source = source;
        Description = description;
        Citations = citations;
        Provenance = provenance;
        _names = names;
        _scalars = scalars;
        _definitions = definitions;
        _functions = new Dictionary<string, CellFunction>(StringComparer.Ordinal);
        foreach (var (functionName, definition) in definitions)
        {
            _functions[functionName] = unchangedFunctions is not null && unchangedFunctions.TryGetValue(functionName, out var reused)
                ? reused
                : definition.Compile(scalars, definitions);
        }

        // a scalar stored under a function's name is that function, constant
        foreach (var (scalarName, value) in scalars)
        {
            if (FunctionSignatures.TryGetArguments(scalarName, out var arguments))
            {
                _functions[scalarName] = new CellFunction(
                    scalarName, arguments, value.ToString("R", CultureInfo.InvariantCulture), FunctionProgram.Constant(arguments.Count, value));
            }
        }
    }

    /// <summary>The cell's name, e.g. "OKane2022".</summary>
    public string Name { get; }

    /// <summary>Where the set came from: a file path as given, or "embedded:okane2022".</summary>
    public string Source { get; }

    /// <summary>Keys of the papers to cite when using the set.</summary>
    public IReadOnlyList<string> Citations { get; }

    public string Description { get; }

    /// <summary>Free text: where the numbers came from, what was changed.</summary>
    public string Provenance { get; }

    /// <summary>
    /// The calibration's uncertainty of fitted parameters (a cell file's <c>uncertainty:</c> section), or null.
    /// It describes the file as calibrated: <see cref="With"/> keeps it unchanged.
    /// </summary>
    public ParameterUncertainty? Uncertainty { get; }

    /// <summary>Every parameter name (scalars and functions), in file order.</summary>
    public IEnumerable<string> Names => _names;

    /// <summary>The scalar <paramref name="name"/>; throws <see cref="ParameterException"/> if there is none.</summary>
    public double Scalar(string name)
    {
        if (_scalars.TryGetValue(name, out var value))
        {
            return value;
        }

        if (_definitions.TryGetValue(name, out var definition))
        {
            throw Missing($"'{name}' is a function of ({string.Join(", ", definition.Arguments)}), not a scalar");
        }

        throw Missing($"no parameter '{name}'{NameSuggestions.DidYouMean(name, _names)}");
    }

    public bool TryGetScalar(string name, out double value) => _scalars.TryGetValue(name, out value);

    /// <summary>True if the set has a scalar or a function called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _scalars.ContainsKey(name) || _definitions.ContainsKey(name);

    /// <summary>
    /// The function <paramref name="name"/> (one of <see cref="FunctionSignatures.Names"/>). A scalar
    /// stored under a function's name is returned as a constant function with that function's arguments.
    /// </summary>
    public CellFunction Function(string name)
    {
        if (_functions.TryGetValue(name, out var function))
        {
            return function;
        }

        if (_scalars.ContainsKey(name))
        {
            throw Missing($"'{name}' is a scalar, not one of the function parameters");
        }

        var known = FunctionSignatures.IsFunction(name) ? _names : FunctionSignatures.Names;
        throw Missing($"no parameter '{name}'{NameSuggestions.DidYouMean(name, known)}");
    }

    /// <summary>The function <paramref name="name"/>, if the set has it (as an expression or a scalar).</summary>
    public bool TryGetFunction(string name, out CellFunction function)
    {
        if (_functions.TryGetValue(name, out var found))
        {
            function = found;
            return true;
        }

        function = null!;
        return false;
    }

    /// <summary>
    /// A copy with the scalar <paramref name="name"/> set to <paramref name="value"/> (ageing, calibration).
    /// Functions using param("name") are recompiled and see the new value. Naming a function parameter
    /// replaces that function by the constant. A name the set does not have is an error (no silent typos).
    /// </summary>
    public ParameterSet With(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"'{name}' must be finite");
        }

        var scalars = new Dictionary<string, double>(_scalars, StringComparer.Ordinal);
        var definitions = new Dictionary<string, FunctionDefinition>(_definitions, StringComparer.Ordinal);
        if (_scalars.ContainsKey(name))
        {
            scalars[name] = value;
        }
        else if (definitions.Remove(name))
        {
            scalars[name] = value;
        }
        else
        {
            throw Missing($"no parameter '{name}' to change{NameSuggestions.DidYouMean(name, _names)}");
        }

        var unchanged = new Dictionary<string, CellFunction>(StringComparer.Ordinal);
        foreach (var (functionName, definition) in definitions)
        {
            if (!definition.ReferencedParameters.Contains(name))
            {
                unchanged[functionName] = _functions[functionName];
            }
        }

        return new ParameterSet(Name, Source, Description, Citations, Provenance, _names, scalars, definitions, unchanged, Uncertainty);
    }

    public override string ToString() => $"{Name} ({Source})";

    private ParameterException Missing(string detail) => new($"cell '{Name}' ({Source}): {detail}");
}
