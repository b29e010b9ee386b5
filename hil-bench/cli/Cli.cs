using System.CommandLine;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.RtCore.CommandLine;

namespace ChargeTwin.Bench;

/// <summary>Exit codes and error reporting shared by every command: one line on stderr, never a stack trace.</summary>
public static class Cli
{
    public const int Ok = CommandLineProgram.Ok;
    public const int Failed = CommandLineProgram.Failed;
    public const int BadInput = CommandLineProgram.BadInput;

    public static int Invoke(RootCommand root, string[] args) => CommandLineProgram.Invoke("chargetwin-bench", root, args);

    /// <summary>Runs a command body, mapping user errors to exit code 2 and failures to 1, each with one line.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            try
            {
                return body();
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Work run in parallel reports its first failure like the same work run in sequence.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }
        catch (Exception e) when (e is UsageException or ParameterException or ParameterValueException or ExperimentParseException or StepStartException)
        {
            Console.Error.WriteLine($"chargetwin-bench: {e.Message}");
            return BadInput;
        }
        catch (BdfSolverException e)
        {
            Console.Error.WriteLine($"chargetwin-bench: the simulation failed: {e.Message}");
            return Failed;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"chargetwin-bench: {e.Message}");
            return Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"chargetwin-bench: {e.Message}");
            return Failed;
        }
    }
}
