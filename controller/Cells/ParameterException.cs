namespace ChargeTwin.Cells;

/// <summary>
/// A problem with a cell parameter set that a user can fix: a bad cell file, a bad BPX file, a
/// missing parameter. <see cref="Exception.Message"/> is one line naming the file, the line and the
/// key (YAML key or JSON path) when they are known, so a command-line tool can print it and exit 2.
/// </summary>
public sealed class ParameterException : Exception
{
    public ParameterException(string detail, string? file = null, int? line = null, string? key = null)
        : base(Format(detail, file, line, key))
    {
        Detail = detail;
        File = file;
        Line = line;
        Key = key;
    }

    public ParameterException(string detail, string? file, int? line, string? key, Exception innerException)
        : base(Format(detail, file, line, key), innerException)
    {
        Detail = detail;
        File = file;
        Line = line;
        Key = key;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The file at fault (cell file, table, BPX file), as the user named it; null if none.</summary>
    public string? File { get; }

    /// <summary>1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>The YAML key or the JSON path ("$.Parameterisation['Cell']...") at fault, when known.</summary>
    public string? Key { get; }

    private static string Format(string detail, string? file, int? line, string? key)
    {
        // a detail or key may quote the input (an expression's token, a JSON key): its line ends must not break the line
        detail = ChargeTwin.RtCore.Config.MessageText.OneLine(detail);
        key = key is null ? null : ChargeTwin.RtCore.Config.MessageText.OneLine(key);
        var text = new System.Text.StringBuilder();
        if (file is not null)
        {
            text.Append(file);
            if (line is not null)
            {
                text.Append(':').Append(line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(": ");
        }

        if (key is not null)
        {
            // JSON paths read better unquoted; YAML keys are quoted because they contain spaces.
            text.Append(key.StartsWith('$') ? key : $"'{key}'").Append(": ");
        }

        text.Append(detail);
        return text.ToString();
    }
}
