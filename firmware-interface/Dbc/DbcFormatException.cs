using ChargeTwin.RtCore.Config;

namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>
/// A DBC file is malformed. <see cref="Exception.Message"/> is one line:
/// <c>file:line: what is wrong</c>, ready to show to the user as it is.
/// </summary>
public sealed class DbcFormatException : Exception
{
    /// <summary>Creates the error for one place in one file.</summary>
    public DbcFormatException(string fileName, int line, string problem)
        // the problem may quote a token of the file: a string runs over line ends until its closing quote
        : base(line > 0 ? $"{fileName}:{line}: {MessageText.OneLine(problem)}" : $"{fileName}: {MessageText.OneLine(problem)}")
    {
        FileName = fileName;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FileName { get; }

    /// <summary>1-based line of the offending text; 0 when the problem is the file itself.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
