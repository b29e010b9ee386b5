using ChargeTwin.RtCore.Config;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// A diagnosis table the monitor cannot use. <see cref="Exception.Message"/> is one line,
/// <c>file:line: field: problem</c>, like the campaign and cell files' errors.
/// </summary>
public sealed class DiagnosisTableException(string file, int line, string field, string problem)
    : Exception(MessageText.OneLine(Format(file, line, field, problem)))
{
    public string File { get; } = file;

    /// <summary>1-based line, or 0 for the file as a whole.</summary>
    public int Line { get; } = line;

    /// <summary>The field path, e.g. <c>rows.SM-03.current</c>.</summary>
    public string Field { get; } = field;

    public string Problem { get; } = problem;

    private static string Format(string file, int line, string field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field.Length > 0 ? $"{where}: {field}: {problem}" : $"{where}: {problem}";
    }
}
