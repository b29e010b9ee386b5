namespace ChargeTwin.ControllerHost.Config;

/// <summary>
/// A controller configuration the host cannot run. <see cref="Exception.Message"/> is one line,
/// <c>file:line: field: problem</c>, like every other file the project reads.
/// </summary>
public sealed class HostConfigException(string file, int line, string field, string problem)
    : Exception(Format(file, line, field, problem))
{
    public string File { get; } = file;

    /// <summary>1-based line, or 0 for the file as a whole.</summary>
    public int Line { get; } = line;

    /// <summary>The field path, e.g. <c>link.remote</c>.</summary>
    public string Field { get; } = field;

    private static string Format(string file, int line, string field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field.Length > 0 ? $"{where}: {field}: {problem}" : $"{where}: {problem}";
    }
}
