using System.CommandLine;
using System.Globalization;
using ChargeTwin.HilBench.Experiments;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.Bench;

/// <summary>
/// <c>chargetwin-bench run</c> (what <c>make run</c> does): the default cell's 2C fast charge from
/// 10 % SOC at 25 °C and at 0 °C, traces and plots in the output folder, and a summary.
/// </summary>
public static class RunCommand
{
    public static readonly string[] FastCharge = ["Charge at 2C until 4.2 V", "Hold at 4.2 V until C/20"];
    public static readonly double[] AmbientsC = [25, 0];

    public static Command Create()
    {
        var plant = new PlantArguments();
        var output = new Option<string>("--out", "-o") { Description = "output folder", DefaultValueFactory = _ => "out" };
        var command = new Command("run", "The main job on embedded defaults: 2C fast charge of the default cell from 10 % SOC at 25 °C and 0 °C; traces, plots and a summary.");
        plant.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => Cli.Guard(() =>
        {
            var dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var steps = ExperimentParser.Parse(FastCharge);
            var rows = new List<string>();
            foreach (var ambient in AmbientsC)
            {
                var (parameters, options) = plant.Build(parse, ambient);
                var name = string.Create(CultureInfo.InvariantCulture, $"fastcharge_2C_{ambient:F0}C");
                var path = Path.Combine(dir, name + ".csv");
                var result = PlantRun.Execute(parameters, options, 0.1, steps, 1.0, path, $"{parameters.Set.Name}: 2C from 10 % SOC at {ambient:F0} °C");
                rows.Add(SummaryRow(ambient, result));
                Console.WriteLine($"  trace {path}, plot {Path.ChangeExtension(path, ".png")}");
            }

            Console.WriteLine();
            Console.WriteLine("ambient  time to 80 % SOC  peak T   min plating η  plated Li   charge");
            foreach (var row in rows)
            {
                Console.WriteLine(row);
            }

            Console.WriteLine();
            Console.WriteLine($"output: {Path.GetFullPath(dir)}");
            return Cli.Ok;
        }));
        return command;
    }

    private static string SummaryRow(double ambientC, PlantRunResult r)
    {
        var reach = r.Samples.FirstOrDefault(s => s.StateOfCharge >= 0.8);
        var t80 = reach.Time_s > 0 ? $"{reach.Time_s / 60,8:F1} min" : "  not reached";
        var peak = r.Samples.Max(s => s.Temperature_K) - PhysicalConstants.ZeroCelsius_K;
        var minEta = r.Samples.Min(s => s.PlatingOverpotential_V) * 1000;
        var last = r.Samples[^1];
        var plated = (last.PlatedLithium_mol + last.DeadLithium_mol) * PhysicalConstants.Faraday / 3.6;
        return string.Create(CultureInfo.InvariantCulture,
            $"{ambientC,5:F0} °C  {t80,15}  {peak,5:F1} °C  {minEta,9:F1} mV  {plated,7:F2} mAh  {r.ChargeThroughput_Ah,6:F3} Ah");
    }
}
