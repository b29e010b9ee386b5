using ChargeTwin.RtCore.Config;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>A device map is malformed. The message is one line: <c>file:line:column: field: what is wrong</c>.</summary>
public sealed class DeviceMapException : Exception
{
    /// <summary>Creates the error.</summary>
    public DeviceMapException(string fileName, int line, int column, string field, string problem)
        // the field and problem may quote the file's text: a line end in it (a form feed in a value) must not break the line
        : base(MessageText.OneLine(line > 0 ? $"{fileName}:{line}:{column}: {field}: {problem}" : $"{fileName}: {field}: {problem}"))
    {
        Line = line;
        Field = field;
    }

    /// <summary>1-based line, or 0 for the file as a whole.</summary>
    public int Line { get; }

    /// <summary>Dotted path of the offending field, e.g. channels.cellVoltage.range.</summary>
    public string Field { get; }
}
