using System.CommandLine;

namespace ChargeTwin.RtCore.CommandLine;

/// <summary>
/// What every ChargeTwin program does with its command line: exit 0 when the job ran, 1 when it failed, 2 on input it
/// cannot use — each failure as one line on stderr prefixed with the program's name, never a stack trace.
/// </summary>
public static class CommandLineProgram
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    /// <summary>Parses <paramref name="args"/>; a parse error is one line and exit 2, otherwise the chosen command runs.</summary>
    public static int Invoke(string program, RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{program}: {parse.Errors[0].Message}");
            return BadInput;
        }

        return parse.Invoke();
    }
}
