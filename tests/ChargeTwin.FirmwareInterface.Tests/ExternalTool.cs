using System.Diagnostics;

namespace ChargeTwin.FirmwareInterface.Tests;

/// <summary>Runs a real command-line tool (gcc, log2asc, ...) and returns its exit code and output.</summary>
internal static class ExternalTool
{
    public static (int ExitCode, string StdOut, string StdErr) Run(string program, IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run '{program}' ({e.Message}); CI installs it with apt-get (see .ci/run)", e);
        }

        using (p)
        {
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                p.StandardInput.Write(stdin);
                p.StandardInput.Close();
            }

            p.WaitForExit();
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    public static string TempDirectory(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "chargetwin-tests", name + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
