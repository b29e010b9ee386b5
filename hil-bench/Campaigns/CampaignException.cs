using ChargeTwin.RtCore.Config;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// A campaign file (or campaign output) the bench cannot use. <see cref="Exception.Message"/> is one line:
/// <c>file:line: field: problem</c>, so that the command line prints it and exits 2.
/// </summary>
public sealed class CampaignException(string file, int line, string field, string problem)
    : Exception(MessageText.OneLine(Format(file, line, field, problem)))
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Field { get; } = field;
    public string Problem { get; } = problem;

    private static string Format(string file, int line, string field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field.Length > 0 ? $"{where}: {field}: {problem}" : $"{where}: {problem}";
    }
}
