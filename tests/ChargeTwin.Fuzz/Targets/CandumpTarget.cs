using System.Text;
using ChargeTwin.FirmwareInterface.Logs;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// A candump log through <see cref="CandumpLogReader.Read"/>, which never throws: bad lines come back as errors, each
/// one line <c>file:line: problem</c>; every record read is formatted back into a log line.
/// </summary>
internal static class CandumpTarget
{
    public const string File = "fuzz.log";

    public static string Run(ReadOnlySpan<byte> data)
    {
        var log = CandumpLogReader.Read(new StringReader(Encoding.UTF8.GetString(data)), File);
        foreach (var error in log.Errors)
        {
            Outcome.Refused(new InvalidDataException(error), File + ":");
        }

        Span<char> line = stackalloc char[CandumpFormat.MaxLineLengthWithoutInterface + 64];
        foreach (var record in log.Records)
        {
            if (record.Interface.Length <= 64)
            {
                CandumpFormat.Format(record.Frame, record.UnixTimeNs, record.Interface, line);
            }
        }

        return Outcome.Ok($"{log.Records.Count} records, {log.Errors.Count} bad lines" + (log.Errors.Count > 0 ? $", first: {log.Errors[0]}" : ""));
    }
}
