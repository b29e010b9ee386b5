using System.Diagnostics;
using System.Globalization;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.Bench;

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
