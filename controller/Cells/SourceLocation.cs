namespace ChargeTwin.Cells;

/// <summary>Where a parameter was defined: file, 1-based line, and the YAML key or JSON path.</summary>
internal sealed record SourceLocation(string? File, int? Line, string? Key)
{
    public ParameterException Error(string detail) => new(detail, File, Line, Key);

    public ParameterException Error(string detail, Exception inner) => new(detail, File, Line, Key, inner);
}
