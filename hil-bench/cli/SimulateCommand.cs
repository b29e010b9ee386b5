using System.CommandLine;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.Bench;

/// <summary><c>chargetwin-bench simulate</c>: one experiment on one cell, trace CSV and plot.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var plant = new PlantArguments();
        var experiment = new Option<string[]>("--experiment", "-e")
        {
            Description = "PyBaMM-style steps, e.g. \"Charge at 2C until 4.2 V\" \"Hold at 4.2 V until C/20\" (several, or ';'-separated)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var initialSoc = new Option<double?>("--initial-soc") { Description = "initial SOC 0–1 (default: 0 before a charge, 1 before a discharge)" };
        var output = new Option<string>("--out", "-o") { Description = "trace CSV path (a PNG plot is written beside it)", DefaultValueFactory = _ => "out/trace.csv" };
        var interval = new Option<double>("--output-interval") { Description = "seconds between trace rows", DefaultValueFactory = _ => 1.0 };
        var command = new Command("simulate", "Run PyBaMM-style experiment steps on the DFN plant and write its trace (measured and hidden-truth columns) and a plot.");
        plant.AddTo(command);
        command.Options.Add(experiment);
        command.Options.Add(initialSoc);
        command.Options.Add(output);
        command.Options.Add(interval);
        command.SetAction(parse => Cli.Guard(() =>
        {
            var steps = ExperimentParser.Parse(parse.GetValue(experiment)!);
            var (parameters, options) = plant.Build(parse);
            var soc = parse.GetValue(initialSoc) ?? (steps[0].Action == StepAction.Discharge ? 1.0 : 0.0);
            if (!(soc >= 0 && soc <= 1))
            {
                throw new UsageException($"--initial-soc {soc}: expected a value from 0 to 1");
            }

            var dt = parse.GetValue(interval);
            if (!(dt > 0))
            {
                throw new UsageException($"--output-interval {dt}: expected a positive number of seconds");
            }

            var path = parse.GetValue(output)!;
            OutputPath.File("--out", path);
            var result = PlantRun.Execute(parameters, options, soc, steps, dt, path, $"{parameters.Set.Name}, {parameters.Ambient_K - PhysicalConstants.ZeroCelsius_K:F0} °C");
            Console.WriteLine(result.Summary());
            Console.WriteLine($"trace: {path}");
            Console.WriteLine($"plot:  {Path.ChangeExtension(path, ".png")}");
            return Cli.Ok;
        }));
        return command;
    }
}
