using System.CommandLine;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.Bench;

/// <summary>Exit codes and error reporting shared by every command: one line on stderr, never a stack trace.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Invoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"chargetwin-bench: {parse.Errors[0].Message}");
            return BadInput;
        }

        return parse.Invoke();
    }

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
