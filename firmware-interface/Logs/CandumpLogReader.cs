using ChargeTwin.RtCore.Config;

namespace ChargeTwin.FirmwareInterface.Logs;

/// <summary>What reading a log gave: the good records, and one line per bad line.</summary>
/// <param name="Records">Frames in file order.</param>
/// <param name="Errors">One entry per malformed line: <c>file:line: what is wrong</c>.</param>
public sealed record CandumpLog(IReadOnlyList<CandumpRecord> Records, IReadOnlyList<string> Errors);

/// <summary>Reads can-utils log files. Bad lines are reported and skipped, never thrown; blank lines are ignored.</summary>
public static class CandumpLogReader
{
    /// <summary>Reads a whole log file.</summary>
    public static CandumpLog ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a log from text.</summary>
    public static CandumpLog Read(TextReader reader, string fileName)
    {
        var records = new List<CandumpRecord>();
        var errors = new List<string>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (CandumpFormat.TryParse(line.TrimEnd('\r'), out CandumpRecord record, out string? problem))
            {
                records.Add(record);
            }
            else
            {
                // the problem quotes the line's text, which may hold a form feed or another line end ReadLine does not split on
                errors.Add($"{fileName}:{lineNumber}: {MessageText.OneLine(problem ?? "")}");
            }
        }

        return new CandumpLog(records, errors);
    }
}
