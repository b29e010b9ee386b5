using ChargeTwin.RtCore.Config;

namespace ChargeTwin.HilBench.Validation;

/// <summary>A measured-data file the bench cannot read; the message names the file, line and field.</summary>
public sealed class MeasuredDataException(string file, int line, string field, string problem)
    // the field and problem may quote the file's text: a form feed or another line end in it must not break the line
    : Exception(MessageText.OneLine(line > 0 ? $"{file}:{line}: {field}: {problem}" : $"{file}: {field}: {problem}"))
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Field { get; } = field;
}
