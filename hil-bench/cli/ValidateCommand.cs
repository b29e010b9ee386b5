using System.CommandLine;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.Bench;

/// <summary><c>chargetwin-bench validate</c>: the plant against measured data, table and overlay plots.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "output folder for the table and plots", DefaultValueFactory = _ => "out/validation" };
        var only = new Option<string[]>("--case") { Description = "run only these cases (names as in the table; default: all)", AllowMultipleArgumentsPerToken = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "cases run in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cell = new Option<string?>("--cell") { Description = "use this cell for every case instead of each case's published set (e.g. a calibrated cell file)" };
        var command = new Command("validate", "Compare the plant, with published parameters and no per-curve tuning, against measured tests (LG M50 rate tests, Enertech pouch, Kokam); writes validation.md, validation.csv and overlay plots.");
        command.Options.Add(output);
        command.Options.Add(only);
        command.Options.Add(jobs);
        command.Options.Add(cell);
        command.SetAction(parse => Cli.Guard(() =>
        {
            var names = parse.GetValue(only) ?? [];
            var unknown = names.Where(n => ValidationCase.All.All(c => c.Name != n)).ToArray();
            if (unknown.Length > 0)
            {
                throw new UsageException($"--case '{unknown[0]}': unknown (known: {string.Join(", ", ValidationCase.All.Select(c => c.Name))})");
            }

            var cases = names.Length == 0 ? ValidationCase.All : ValidationCase.All.Where(c => names.Contains(c.Name)).ToList();
            var j = parse.GetValue(jobs);
            if (j < 1)
            {
                throw new UsageException($"--jobs {j}: expected at least 1");
            }

            var cellOverride = parse.GetValue(cell) is { } id ? Cells.CellLibrary.Load(id) : null;
            var dir = parse.GetValue(output)!;
            OutputPath.Folder("--out", dir);
            var dataRoot = Path.Combine(AppContext.BaseDirectory, "data");
            var results = new ValidationResult[cases.Count];
            var done = 0;
            ProgressDisplay.Run($"validating the plant against {cases.Count} measured test(s)", cases.Count, report =>
            {
                Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = j }, i =>
                {
                    results[i] = ValidationRunner.Run(cases[i], dataRoot, dir, cellOverride);
                    var n = Interlocked.Increment(ref done);
                    lock (results)
                    {
                        report(n, $"{cases[i].Name}: {results[i].VoltageRmse_mV:F1} mV RMS");
                    }
                });
                return 0;
            });

            var table = ValidationTable.Markdown(results);
            File.WriteAllText(Path.Combine(dir, "validation.md"), table);
            ValidationTable.WriteCsv(Path.Combine(dir, "validation.csv"), results);
            Console.WriteLine();
            Console.Write(table);
            Console.WriteLine();
            Console.WriteLine($"table: {Path.Combine(dir, "validation.md")}, plots: {dir}/<case>.png");
            return Cli.Ok;
        }));
        return command;
    }
}
