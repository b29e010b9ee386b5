using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ChargeTwin.HilBench.Experiments;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Reporting;

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

/// <summary>A simulated experiment with its trace written to disk.</summary>
public sealed record PlantRunResult(
    IReadOnlyList<PlantSample> Samples,
    IReadOnlyList<StepOutcome> Steps,
    double Capacity_Ah,
    double ChargeThroughput_Ah,
    double Elapsed_s,
    long SolverSteps,
    long Jacobians)
{
    public string Summary()
    {
        var last = Samples[^1];
        var peak = Samples.Max(s => s.Temperature_K) - PhysicalConstants.ZeroCelsius_K;
        var minEta = Samples.Min(s => s.PlatingOverpotential_V);
        var plated = (last.PlatedLithium_mol + last.DeadLithium_mol) * PhysicalConstants.Faraday / 3.6;
        var simulated = last.Time_s;
        return string.Create(CultureInfo.InvariantCulture,
            $"simulated {simulated:F0} s in {Elapsed_s:F2} s ({simulated / Math.Max(Elapsed_s, 1e-9):F0}× real time; {SolverSteps} steps, {Jacobians} Jacobians)\n" +
            $"end: {last.Voltage_V:F4} V, SOC {last.StateOfCharge * 100:F1} %, throughput {ChargeThroughput_Ah:F4} Ah; peak temperature {peak:F1} °C; " +
            $"min plating overpotential {minEta * 1000:F1} mV; plated lithium {plated:F3} mAh");
    }
}

/// <summary>Runs an experiment with a progress display and writes trace and plot.</summary>
public static class PlantRun
{
    public static PlantRunResult Execute(DfnParameters parameters, ModelOptions options, double initialSoc, IReadOnlyList<ExperimentStep> steps, double outputInterval_s, string tracePath, string title)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(tracePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var model = new DfnModel(parameters, options);
        var clock = Stopwatch.StartNew();
        var simulator = new CellSimulator(model, initialSoc);
        var samples = new List<PlantSample>();
        var throughput = 0.0;
        IReadOnlyList<StepOutcome> outcomes;
        using (var writer = PlantTraceWriter.Create(tracePath))
        {
            outcomes = ProgressDisplay.Run($"{title}: {steps.Count} step(s)", steps.Count, report => simulator.Run(steps, outputInterval_s, (s, step) =>
            {
                throughput = simulator.ChargeThroughput_Ah(s);
                writer.Write(s, step, throughput);
                samples.Add(s);
                report(step, string.Create(CultureInfo.InvariantCulture,
                    $"step {step + 1}/{steps.Count} \"{steps[step].Text}\": t = {s.Time_s:F0} s, {s.Voltage_V:F3} V, {s.Current_A:F2} A, {s.Temperature_K - PhysicalConstants.ZeroCelsius_K:F1} °C"));
            }));
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        PlantTraceFigure.Save(Path.ChangeExtension(tracePath, ".png"), title, samples);
        var stats = simulator.Statistics;
        return new PlantRunResult(samples, outcomes, simulator.Windows.Capacity_Ah, throughput, elapsed, stats.Steps, stats.JacobianEvaluations);
    }
}
