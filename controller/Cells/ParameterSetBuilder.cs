namespace ChargeTwin.Cells;

/// <summary>Collects scalars and function definitions from a loader, rejecting duplicates, then builds the set.</summary>
internal sealed class ParameterSetBuilder(string name, string source)
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, double> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionDefinition> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public string Name { get; set; } = name;

    public string Source { get; } = source;

    public string Description { get; set; } = "";

    public string Provenance { get; set; } = "";

    public List<string> Citations { get; } = [];

    public ParameterUncertainty? Uncertainty { get; set; }

    public bool Contains(string name) => _locations.ContainsKey(name);

    public void AddScalar(string name, double value, SourceLocation location)
    {
        Claim(name, location);
        _scalars[name] = value;
    }

    public void AddFunction(FunctionDefinition definition)
    {
        Claim(definition.Name, definition.Location);
        _functions[definition.Name] = definition;
    }

    /// <summary>Sets a derived scalar, replacing an earlier value of the same name (importers only).</summary>
    public void SetScalar(string name, double value, SourceLocation location)
    {
        if (_functions.Remove(name))
        {
            _names.Remove(name);
            _locations.Remove(name);
        }

        if (!_locations.ContainsKey(name))
        {
            _names.Add(name);
            _locations[name] = location;
        }

        _scalars[name] = value;
    }

    public bool TryGetScalar(string name, out double value) => _scalars.TryGetValue(name, out value);

    public ParameterSet Build() =>
        new(Name, Source, Description, [.. Citations], Provenance, [.. _names], _scalars, _functions, null, Uncertainty);

    private void Claim(string name, SourceLocation location)
    {
        if (_locations.TryGetValue(name, out var first))
        {
            var where = first.Line is { } line ? $" (first at line {line})" : "";
            throw location.Error($"defined twice{where}");
        }

        _locations[name] = location;
        _names.Add(name);
    }
}
