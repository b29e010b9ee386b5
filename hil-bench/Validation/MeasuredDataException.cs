namespace ChargeTwin.HilBench.Validation;

/// <summary>A measured-data file the bench cannot read; the message names the file, line and field.</summary>
public sealed class MeasuredDataException(string file, int line, string field, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {field}: {problem}" : $"{file}: {field}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Field { get; } = field;
}
