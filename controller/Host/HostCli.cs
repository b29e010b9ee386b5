using System.CommandLine;
using ChargeTwin.RtCore.CommandLine;

namespace ChargeTwin.ControllerHost;

/// <summary>Exit codes and error reporting for every command: one line on stderr, never a stack trace.</summary>
public static class HostCli
{
    public const int Ok = CommandLineProgram.Ok;
    public const int Failed = CommandLineProgram.Failed;
    public const int BadInput = CommandLineProgram.BadInput;

    public static int Invoke(RootCommand root, string[] args) => CommandLineProgram.Invoke("chargetwin-controller", root, args);

    /// <summary>A command's argument it cannot use: one line naming it, exit 2.</summary>
    public static int Usage(string message)
    {
        Console.Error.WriteLine($"chargetwin-controller: {message}");
        return BadInput;
    }
}
