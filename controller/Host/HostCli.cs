using System.CommandLine;

namespace ChargeTwin.ControllerHost;

/// <summary>Exit codes and error reporting for every command: one line on stderr, never a stack trace.</summary>
public static class HostCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Invoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"chargetwin-controller: {parse.Errors[0].Message}");
            return BadInput;
        }

        return parse.Invoke();
    }

    /// <summary>A command's argument it cannot use: one line naming it, exit 2.</summary>
    public static int Usage(string message)
    {
        Console.Error.WriteLine($"chargetwin-controller: {message}");
        return BadInput;
    }
}
