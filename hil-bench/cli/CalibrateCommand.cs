using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Validation;
using Spectre.Console;
using FitSpec = (string Name, double? Lower, double? Upper);

namespace ChargeTwin.Bench;

/// <summary>
/// <c>chargetwin-bench calibrate</c>: fits a cell's parameters to measured tests by replaying their recorded current
/// through the plant; writes the calibrated cell file (with provenance and parameter covariance) and an HTML report.
/// </summary>
public static class CalibrateCommand
{
    public const string DefaultBaseCell = "okane2022";

    public static Command Create()
    {
        var cell = new Option<string>("--cell") { Description = "base cell: an id (okane2022, lgm50, …) or a cell .yaml / BPX .json file", DefaultValueFactory = _ => DefaultBaseCell };
        var data = new Option<string[]>("--data") { Description = "measured tests to fit: CSV files with a header, or headerless two-column curves as FILE@RATE (e.g. Ecker_1C.csv@1C)", Required = true, AllowMultipleArgumentsPerToken = true };
        var validate = new Option<string[]>("--validate") { Description = "held-out tests: replayed with the fitted cell and reported, never fitted", AllowMultipleArgumentsPerToken = true };
        var fit = new Option<string[]>("--fit") { Description = "parameters to fit (PyBaMM names; NAME=LO..HI sets bounds); default: see hil-bench/Calibration/README.md", AllowMultipleArgumentsPerToken = true };
        var alsoFit = new Option<string[]>("--also-fit") { Description = "parameters fitted besides the --fit set (or the default set)", AllowMultipleArgumentsPerToken = true };
        var perAmbient = new Option<string[]>("--fit-per-ambient") { Description = "parameters of the test environment (e.g. the heat-transfer coefficient of a chamber): one value for the tests at the lowest ambient, which the cell file keeps, and one more for each other ambient (rounded to 5 °C), reported but not written", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "the calibrated cell file to write (report beside it)", Required = true };
        var name = new Option<string?>("--name") { Description = "name of the calibrated cell (default: the output file's name)" };
        var description = new Option<string?>("--description") { Description = "description of the calibrated cell (default: the base cell's, with what it was fitted to)" };
        var withCharge = new Option<bool>("--with-charge") { Description = "also replay the CC-CV charge and the rest after it" };
        var sigmaV = new Option<double>("--voltage-sigma-mV") { Description = "σ of a voltage difference under current [mV]", DefaultValueFactory = _ => 10 };
        var sigmaRest = new Option<double>("--rest-voltage-sigma-mV") { Description = "σ of a voltage difference in a rest [mV]", DefaultValueFactory = _ => 30 };
        var sigmaT = new Option<double>("--temperature-sigma-K") { Description = "σ of a temperature difference [K]", DefaultValueFactory = _ => 1 };
        var starts = new Option<int>("--starts") { Description = "starting points (the base values and random ones around them)", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--max-iterations") { Description = "Levenberg–Marquardt iterations at most", DefaultValueFactory = _ => 40 };
        var fitVolumes = new Option<int>("--fit-volumes") { Description = "finite volumes per domain during the fit (errors are reported on --volumes)", DefaultValueFactory = _ => 10 };
        var fitShells = new Option<int>("--fit-shells") { Description = "shells per particle during the fit", DefaultValueFactory = _ => 10 };
        var volumes = new Option<int>("--volumes") { Description = "finite volumes per domain of the reported errors", DefaultValueFactory = _ => 20 };
        var shells = new Option<int>("--shells") { Description = "shells per particle of the reported errors", DefaultValueFactory = _ => 20 };
        var thermal = new Option<string>("--thermal") { Description = "thermal model: lumped or isothermal", DefaultValueFactory = _ => "lumped" };
        var workers = new Option<int>("--workers") { Description = "threads for the replays (0: all cores)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "seed of the random starts", DefaultValueFactory = _ => 12 };
        var polish = new Option<int>("--polish-steps") { Description = "Gauss–Newton steps after Levenberg–Marquardt (0: none; the covariance Jacobian is computed either way)", DefaultValueFactory = _ => new CalibrationSettings().PolishSteps };
        var probes = new Option<int>("--probe-rounds") { Description = "rounds of ±2σ cost probes along the covariance's principal axes after the polish: a lower cost continues the fit, flatter-than-linearised axes widen the covariance (0: plain linearised covariance)", DefaultValueFactory = _ => new CalibrationSettings().ProbeRounds };
        var spread = new Option<double>("--start-spread") { Description = "σ of the random starts in ln θ (a fraction of the range for linear parameters)", DefaultValueFactory = _ => new CalibrationSettings().StartSpread };
        var ambient = new Option<double>("--ambient-C") { Description = "ambient of headerless curves [°C]", DefaultValueFactory = _ => 25 };
        var noReport = new Option<bool>("--no-report") { Description = "write the cell file only" };
        var coverage = new Option<int>("--coverage-study") { Description = "instead of fitting the data: N fits of synthetic data (the --cell's own replay of the --data currents plus sensor noise), reporting how often the truth lies within ±2σ; --out is then the summary text", DefaultValueFactory = _ => 0 };
        var noiseV = new Option<double>("--noise-voltage-mV") { Description = "coverage study: σ of the voltage sensor [mV]", DefaultValueFactory = _ => 2 };
        var noiseT = new Option<double>("--noise-temperature-K") { Description = "coverage study: σ of the temperature sensor [K]", DefaultValueFactory = _ => 0.2 };
        var pulseOptions = new PulseOptions(
            new Option<string?>("--pulses") { Description = "the LG M50 pulse file (LGM50_5Ah_Pulse_all.csv): its selected pulses are fitted with the --data tests" },
            new Option<double[]>("--pulse-temperature") { Description = "fit only the pulses at these chamber temperatures [°C] (default: all)", AllowMultipleArgumentsPerToken = true },
            new Option<int[]>("--pulse-soc") { Description = "fit only the pulses at these nominal SOCs [%] (default: all)", AllowMultipleArgumentsPerToken = true },
            new Option<int>("--pulse-cells") { Description = "cells per (temperature, SOC) group, in the file's order (default: all six)", DefaultValueFactory = _ => int.MaxValue },
            new Option<bool>("--leave-out-temperature") { Description = "instead of one fit: for each pulse temperature, fit without its pulses and predict them (every cell at the selected SOCs) with the ±2σ band; --out is then the summary (.md)" });
        var priors = new Option<string?>("--priors") { Description = "literature priors (maximum a posteriori): a priors file, e.g. controller/Cells/parameter-sets/priors/lgm50.yaml" };

        var command = new Command("calibrate", "Fit a cell's parameters to measured tests (their recorded current replayed through the plant), with uncertainty; write the cell file and a report.");
        foreach (var o in new Option[] { cell, data, validate, fit, alsoFit, perAmbient, output, name, description, withCharge, sigmaV, sigmaRest, sigmaT, starts, iterations, fitVolumes, fitShells, volumes, shells, thermal, workers, seed, spread, polish, probes, ambient, noReport, coverage, noiseV, noiseT, pulseOptions.File, pulseOptions.Temperatures, pulseOptions.StatesOfCharge, pulseOptions.Cells, pulseOptions.LeaveOut, priors })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Cli.Guard(() =>
        {
            try
            {
                return Execute(parse, new Arguments(cell, data, validate, fit, alsoFit, perAmbient, output, name, description, withCharge, sigmaV, sigmaRest, sigmaT, starts, iterations, fitVolumes, fitShells, volumes, shells, thermal, workers, seed, spread, polish, probes, ambient, noReport, coverage, noiseV, noiseT, pulseOptions, priors));
            }
            catch (Exception e) when (e is MeasuredDataException or CalibrationInputException)
            {
                throw new UsageException(e.Message);
            }
        }));
        return command;
    }

    private sealed record Arguments(
        Option<string> Cell, Option<string[]> Data, Option<string[]> Validate, Option<string[]> Fit, Option<string[]> AlsoFit, Option<string[]> PerAmbient, Option<string> Output, Option<string?> Name, Option<string?> Description,
        Option<bool> WithCharge, Option<double> SigmaV, Option<double> SigmaRest, Option<double> SigmaT, Option<int> Starts, Option<int> Iterations,
        Option<int> FitVolumes, Option<int> FitShells, Option<int> Volumes, Option<int> Shells, Option<string> Thermal, Option<int> Workers,
        Option<int> Seed, Option<double> StartSpread, Option<int> PolishSteps, Option<int> ProbeRounds, Option<double> Ambient, Option<bool> NoReport, Option<int> Coverage, Option<double> NoiseV, Option<double> NoiseT,
        PulseOptions Pulses, Option<string?> Priors);

    /// <summary>The pulse file, which of its pulses are fitted, and the leave-one-temperature-out study.</summary>
    private sealed record PulseOptions(Option<string?> File, Option<double[]> Temperatures, Option<int[]> StatesOfCharge, Option<int> Cells, Option<bool> LeaveOut);

    /// <summary>What the command line asks for, read and checked before anything is loaded.</summary>
    private sealed record Request(
        string Cell, string[] Data, string[] Validate, List<FitSpec> Fit, List<FitSpec> PerAmbient, string OutPath, string? Name, string? Description,
        bool WithCharge, double Ambient_C, bool NoReport, CalibrationSettings Settings, int CoverageFits, SensorNoise Noise,
        string? PulseFile, PulseSelection Pulses, bool LeaveOutTemperature, string? PriorFile);

    private static int Execute(ParseResult parse, Arguments a)
    {
        var request = Read(parse, a);
        var baseSet = LoadBaseCell(request.Cell, request.Fit.Select(s => s.Name));
        var cellParameters = request.Fit.Select(s => CalibrationParameter.Create(s.Name, baseSet, s.Lower, s.Upper)).ToList();
        var (rateTests, heldOut) = LoadTests(request, baseSet);
        var (allPulses, pulses) = LoadPulses(request, baseSet);
        // the environment's groups come from the rate tests: a pulse heats a cell by tenths of a kelvin, too little to
        // pin a chamber's heat transfer, and pulses at a chamber without rate tests take the cell's own value
        var parameters = WithAmbientGroups(cellParameters, request.PerAmbient, rateTests, heldOut);
        var settings = request.PriorFile is { } priorFile ? request.Settings with { Priors = ReadPriors(priorFile, parameters) } : request.Settings;
        if (request.CoverageFits > 0)
        {
            return Coverage(baseSet, parameters, rateTests, settings, request.Noise, request.CoverageFits, settings.Seed, request.OutPath);
        }

        if (request.LeaveOutTemperature)
        {
            return LeaveOut(baseSet, parameters, rateTests, pulses, allPulses, settings, request.OutPath);
        }

        var fitTests = rateTests.Concat(pulses.Select(p => p.Test)).ToList();
        Announce(baseSet, parameters, fitTests, heldOut, settings);
        var result = RunWithDisplay(baseSet, parameters, fitTests, heldOut, settings);
        var report = WriteCell(result, request);
        return Conclude(result, request.OutPath, report);
    }

    /// <summary>The priors of <paramref name="path"/>, each checked against the fitted parameters (one line naming file and line otherwise).</summary>
    private static IReadOnlyList<ParameterPrior> ReadPriors(string path, List<CalibrationParameter> parameters)
    {
        var priors = PriorFileReader.Read(path);
        ParameterPrior.Match(priors, parameters, Path.GetFileName(path));
        return priors;
    }

    /// <summary>Every pulse of --pulses (none without it) and the selected ones.</summary>
    private static (IReadOnlyList<PulseTest> All, IReadOnlyList<PulseTest> Selected) LoadPulses(Request request, ParameterSet baseSet)
    {
        if (request.PulseFile is not { } file)
        {
            return ([], []);
        }

        if (!PulseTestReader.IsPulseFile(file))
        {
            throw new UsageException($"--pulses {file}: not a pulse file (its header must start with temperature,soc,cell)");
        }

        var all = PulseTestReader.Read(file, PulseTestReader.DefaultOptions with { NominalCapacity_Ah = baseSet.Scalar("Nominal cell capacity [A.h]") });
        var selected = request.Pulses.Select(all);
        if (selected.Count == 0)
        {
            throw new UsageException($"--pulses {file}: the selection leaves no pulse to fit");
        }

        return (all, selected);
    }

    /// <summary>
    /// Leave-one-temperature-out: a fit per pulse temperature without its pulses, predicting every cell's pulses at that
    /// temperature and the selected SOCs; the table is printed and written to --out as it grows.
    /// </summary>
    private static int LeaveOut(ParameterSet baseSet, List<CalibrationParameter> parameters, List<CalibrationTest> rateTests, IReadOnlyList<PulseTest> pulses, IReadOnlyList<PulseTest> allPulses, CalibrationSettings settings, string outPath)
    {
        if (pulses.Count == 0)
        {
            throw new UsageException("--leave-out-temperature needs --pulses");
        }

        var socs = pulses.Select(p => p.StateOfCharge_percent).Distinct().ToList();
        var predicted = allPulses.Where(p => socs.Contains(p.StateOfCharge_percent)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"leave-one-temperature-out: {parameters.Count} parameters, {rateTests.Count} rate test(s) and {pulses.Count} pulses fitted, {predicted.Count} pulses predicted, over {string.Join(", ", pulses.Select(p => p.Temperature_C).Distinct().Order())} °C"));
        var header = $"# Leave-one-temperature-out: {baseSet.Name}\n\nCommand: chargetwin-bench {string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(QuoteArgument))}\n\n";
        var folds = new List<LeftOutTemperature>();
        var clock = Stopwatch.StartNew();
        LeaveOneTemperatureOut.Run(baseSet, parameters, rateTests, pulses, predicted, settings,
            new MeasuredReplaySettings { Model = settings.ReportModel, BandModel = settings.FitModel, TracePoints = 0, Workers = settings.Workers },
            (t, p) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  without {t:G} °C: {p.Stage,-22} it {p.Iteration,3}  cost {p.Cost,12:G6}  evals {p.Evaluations,4}  {p.Elapsed_s,6:F0} s")),
            fold =>
            {
                folds.Add(fold);
                var table = LeaveOneTemperatureOut.Table(folds);
                Console.Write(table);
                File.WriteAllText(outPath, header + table + string.Create(CultureInfo.InvariantCulture, $"\n{clock.Elapsed.TotalSeconds:F0} s so far\n"));
            });
        Console.WriteLine($"summary: {outPath}");
        return folds.All(f => f.Fit.Converged) ? Cli.Ok : Cli.Failed;
    }

    /// <summary>The command line's values, each checked in turn: the output, the optimiser's settings, the parameters to fit.</summary>
    private static Request Read(ParseResult parse, Arguments a)
    {
        var outPath = parse.GetValue(a.Output)!;
        var coverageFits = parse.GetValue(a.Coverage);
        if (coverageFits < 0)
        {
            throw new UsageException("--coverage-study: expected a number of fits ≥ 1");
        }

        var leaveOut = parse.GetValue(a.Pulses.LeaveOut);
        if (leaveOut && coverageFits > 0)
        {
            throw new UsageException("--leave-out-temperature and --coverage-study are two different studies: choose one");
        }

        if (leaveOut && !outPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out {outPath}: --leave-out-temperature writes its summary table, expected a .md file");
        }

        if (coverageFits == 0 && !leaveOut && !outPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !outPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out {outPath}: expected a .yaml cell file");
        }

        OutputPath.File("--out", outPath); // before the fit, which takes minutes

        var settings = Settings(parse, a);
        var (fit, perAmbient) = FitSpecs(parse, a);
        var pulseFile = parse.GetValue(a.Pulses.File);
        var selection = new PulseSelection(parse.GetValue(a.Pulses.Temperatures) ?? [], parse.GetValue(a.Pulses.StatesOfCharge) ?? [], parse.GetValue(a.Pulses.Cells));
        if (pulseFile is null && (selection.Temperatures_C.Count > 0 || selection.StatesOfCharge_percent.Count > 0 || selection.CellsPerGroup != int.MaxValue))
        {
            throw new UsageException("--pulse-temperature, --pulse-soc and --pulse-cells select pulses of --pulses, which is not given");
        }

        if (selection.CellsPerGroup < 1)
        {
            throw new UsageException($"--pulse-cells {selection.CellsPerGroup}: expected 1 or more");
        }

        return new Request(
            parse.GetValue(a.Cell)!, parse.GetValue(a.Data)!, parse.GetValue(a.Validate) ?? [], fit, perAmbient, outPath, parse.GetValue(a.Name), parse.GetValue(a.Description),
            parse.GetValue(a.WithCharge), parse.GetValue(a.Ambient), parse.GetValue(a.NoReport), settings, coverageFits,
            new SensorNoise(parse.GetValue(a.NoiseV) / 1000, parse.GetValue(a.NoiseT)),
            pulseFile, selection, leaveOut, parse.GetValue(a.Priors));
    }

    /// <summary>Residual weights, starts, iterations, polish, probes, meshes and threads of the fit.</summary>
    private static CalibrationSettings Settings(ParseResult parse, Arguments a)
    {
        var weights = new ResidualWeights(parse.GetValue(a.SigmaV) / 1000, parse.GetValue(a.SigmaRest) / 1000, parse.GetValue(a.SigmaT));
        var startCount = parse.GetValue(a.Starts);
        var maxIterations = parse.GetValue(a.Iterations);
        if (startCount < 1 || maxIterations < 1)
        {
            throw new UsageException("--starts and --max-iterations must be at least 1");
        }

        if (parse.GetValue(a.PolishSteps) < 0)
        {
            throw new UsageException($"--polish-steps {parse.GetValue(a.PolishSteps)}: expected 0 or more");
        }

        if (parse.GetValue(a.ProbeRounds) < 0)
        {
            throw new UsageException($"--probe-rounds {parse.GetValue(a.ProbeRounds)}: expected 0 or more");
        }

        if (!(parse.GetValue(a.StartSpread) >= 0) || !double.IsFinite(parse.GetValue(a.StartSpread)))
        {
            throw new UsageException($"--start-spread {parse.GetValue(a.StartSpread)}: expected a finite number ≥ 0");
        }

        var thermal = parse.GetValue(a.Thermal) switch
        {
            "lumped" => ThermalModel.Lumped,
            "isothermal" => ThermalModel.Isothermal,
            var other => throw new UsageException($"--thermal '{other}': expected lumped or isothermal"),
        };
        return new CalibrationSettings
        {
            FitModel = Mesh(parse.GetValue(a.FitVolumes), parse.GetValue(a.FitShells), thermal, "--fit-volumes/--fit-shells"),
            ReportModel = Mesh(parse.GetValue(a.Volumes), parse.GetValue(a.Shells), thermal, "--volumes/--shells"),
            Weights = weights,
            Optimiser = new CalibrationSettings().Optimiser with { MaxIterations = maxIterations, FiniteDifferenceStep = 1e-2 },
            Starts = startCount,
            Seed = parse.GetValue(a.Seed),
            StartSpread = parse.GetValue(a.StartSpread),
            PolishSteps = parse.GetValue(a.PolishSteps),
            ProbeRounds = parse.GetValue(a.ProbeRounds),
            Workers = parse.GetValue(a.Workers),
            ReportReplays = !parse.GetValue(a.NoReport),
        };
    }

    /// <summary>
    /// The parameters to fit (names with optional bounds): --fit or the default set, --also-fit, then the
    /// --fit-per-ambient ones; and the per-ambient ones alone.
    /// </summary>
    private static (List<FitSpec> Fit, List<FitSpec> PerAmbient) FitSpecs(ParseResult parse, Arguments a)
    {
        var perAmbient = (parse.GetValue(a.PerAmbient) ?? []).Select(ParseFit).ToList();
        var specs = (parse.GetValue(a.Fit) is { Length: > 0 } given ? given : [.. CalibrationDefaults.Parameters])
            .Concat(parse.GetValue(a.AlsoFit) ?? [])
            .Select(ParseFit)
            .Where(s => perAmbient.All(p => p.Name != s.Name))
            .Concat(perAmbient)
            .ToList();
        var duplicate = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"--fit '{duplicate.Key}' is given twice");
        }

        return (specs, perAmbient);
    }

    /// <summary>The base cell with the fitted parameters exposed, refused now if it could not be written back as a cell file after the fit.</summary>
    private static ParameterSet LoadBaseCell(string cell, IEnumerable<string> fitted)
    {
        var loaded = CellLibrary.Load(cell);
        try
        {
            CellFileDocument.FromSet(loaded).ToSet(loaded.Source);
        }
        catch (Exception e) when (e is ParameterException or ParameterValueException)
        {
            throw new UsageException($"--cell {cell}: the cell cannot be written back as a cell file, so it cannot be calibrated ({e.Message}); BPX files with tables given as JSON lists are not supported yet, convert those tables to table(\"file.csv\", x) in a cell .yaml");
        }

        return CalibrationBase.Expose(loaded, fitted);
    }

    /// <summary>The measured tests to fit and the held-out ones, as replays of the base cell.</summary>
    private static (List<CalibrationTest> Fit, List<CalibrationTest> HeldOut) LoadTests(Request request, ParameterSet baseSet)
    {
        var replay = new ReplayOptions { IncludeCharge = request.WithCharge, NominalCapacity_Ah = baseSet.Scalar("Nominal cell capacity [A.h]") };
        var ambientK = request.Ambient_C + PhysicalConstants.ZeroCelsius_K;
        var fitTests = request.Data.Select(d => CalibrationData.Load(d, replay, ambientK)).ToList();
        var heldOut = request.Validate.Select(d => CalibrationData.Load(d, replay, ambientK)).ToList();
        return (fitTests, heldOut);
    }

    /// <summary>
    /// The cell's parameters, then for each environment parameter one more per ambient group of the fitted tests
    /// after the lowest (whose value the cell keeps); a held-out test needs a fitted one at its ambient.
    /// </summary>
    private static List<CalibrationParameter> WithAmbientGroups(List<CalibrationParameter> cellParameters, List<FitSpec> perAmbient, List<CalibrationTest> fitTests, List<CalibrationTest> heldOut)
    {
        var groups = fitTests.Select(CalibrationParameter.AmbientGroup_C).Distinct().Order().ToList();
        var parameters = new List<CalibrationParameter>(cellParameters);
        foreach (var (name, _, _) in perAmbient)
        {
            var cellParameter = cellParameters.Single(p => p.Name == name);
            parameters.AddRange(groups.Skip(1).Select(cellParameter.ForAmbientGroup));
        }

        var unfitted = heldOut.Select(CalibrationParameter.AmbientGroup_C).Where(g => perAmbient.Count > 0 && !groups.Contains(g)).Distinct().ToList();
        if (unfitted.Count > 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--fit-per-ambient: the held-out tests at {string.Join(", ", unfitted.Select(g => $"{g:F0} °C"))} have no fitted test at that ambient to take the environment from"));
        }

        return parameters;
    }

    private static void Announce(ParameterSet baseSet, List<CalibrationParameter> parameters, List<CalibrationTest> fitTests, List<CalibrationTest> heldOut, CalibrationSettings settings)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calibrating {baseSet.Name}: {parameters.Count} parameters, {fitTests.Count} test(s) to fit, {heldOut.Count} held out; fit mesh {settings.FitModel.NegativeVolumes}/{settings.FitModel.NegativeShells}, {settings.Starts} start(s)"));
        foreach (var t in fitTests.Concat(heldOut))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Name}: {t.Profile.Length} current piece(s), {t.Count} comparison points, ambient {t.Ambient_K - PhysicalConstants.ZeroCelsius_K:F1} °C; {t.InitialStateNote}"));
        }
    }

    /// <summary>Writes the calibrated cell file (it must load back) and, unless --no-report, the report beside it; returns the report's path.</summary>
    private static string? WriteCell(CalibrationResult result, Request request)
    {
        var cellName = request.Name ?? Path.GetFileNameWithoutExtension(request.OutPath);
        var commandLine = "chargetwin-bench " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(QuoteArgument));
        var provenance = CalibratedCell.Provenance(result, commandLine, BuildCommit(), DateTimeOffset.UtcNow);
        var text = request.Description ?? $"{result.BaseSet.Description} — calibrated to {result.FitTests.Count} measured test(s)".Trim(' ', '—');
        var document = CalibratedCell.Document(result, cellName, text, provenance);
        CellFileWriter.Write(document, request.OutPath);
        CellLibrary.Load(request.OutPath); // it must load back
        return request.NoReport ? null : CalibrationReport.Write(result, request.OutPath, commandLine, provenance);
    }

    /// <summary>The summary, where the files went, and the exit code: 0 converged, 1 not (its best point is written all the same).</summary>
    private static int Conclude(CalibrationResult result, string outPath, string? report)
    {
        PrintSummary(result);
        Console.WriteLine($"cell:   {outPath}");
        if (report is not null)
        {
            Console.WriteLine($"report: {report}");
        }

        if (!result.Converged)
        {
            Console.Error.WriteLine($"chargetwin-bench: the fit did not converge ({result.Reason}); its best point is written to {outPath}, marked 'converged: false'");
            return Cli.Failed;
        }

        return Cli.Ok;
    }

    private static int Coverage(ParameterSet truth, List<CalibrationParameter> parameters, List<CalibrationTest> templates, CalibrationSettings settings, SensorNoise noise, int fits, int seed, string outPath)
    {
        if (!(noise.Voltage_V > 0) || !(noise.Temperature_K > 0))
        {
            throw new UsageException("--noise-voltage-mV and --noise-temperature-K must be positive");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coverage study: {fits} fits of {parameters.Count} parameters of {truth.Name} to synthetic replays of {templates.Count} test(s), noise {noise.Voltage_V * 1000:G3} mV / {noise.Temperature_K:G3} K"));
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // one row per fit as it finishes, so that a study cut short keeps what it measured
        var header = "seed,converged,residual_variance,truth_residual_variance," + string.Join(',', parameters.Select(p => $"\"{p.Name}\",sigma,z,z_linearised"));
        var rows = new List<string> { header };
        File.WriteAllLines(outPath, rows);
        var shortNames = ShortNames(parameters);
        var result = CoverageStudy.Run(truth, parameters, templates, settings, noise, fits, seed, (k, f) =>
        {
            var outside = string.Join(" ", f.Z.Select((z, i) => (z, i)).Where(x => !(Math.Abs(x.z) <= 2)).Select(x => string.Create(CultureInfo.InvariantCulture, $"{shortNames[x.i]} {x.z:+0.0;-0.0}σ")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  fit {k + 1}/{fits} (seed {f.Seed}): {f.Inside.Count(x => x)}/{f.Inside.Length} inside ±2σ ({f.LinearisedInside.Count(x => x)} with the linearised σ), s² = {f.ResidualVariance:F3} (truth {f.TruthResidualVariance:F3}){(f.VarianceInflation > 1 ? $", covariance ×{f.VarianceInflation:F2} for correlated residuals" : "")}, {(f.Converged ? "converged" : "NOT converged")}, {f.Elapsed_s:F0} s{(outside.Length > 0 ? " | outside: " + outside : "")}"));
            var row = string.Create(CultureInfo.InvariantCulture,
                $"{f.Seed},{f.Converged},{f.ResidualVariance:G6},{f.TruthResidualVariance:G6},{string.Join(',', f.Values.Select((v, i) => $"{v:G8},{f.Sigma[i]:G4},{f.Z[i]:F3},{f.LinearisedZ[i]:F3}"))}");
            rows.Add(row);
            File.AppendAllLines(outPath, [row]);
        });
        var summary = result.Summary();
        Console.Write(summary);
        File.WriteAllLines(outPath, [summary, .. rows]);
        Console.WriteLine($"summary: {outPath}");
        return Cli.Ok;
    }

    private static string[] ShortNames(List<CalibrationParameter> parameters) =>
        [.. parameters.Select(p => CalibrationDefaults.ShortName(p.Name) + (p.GroupAmbient_C is { } g ? string.Create(CultureInfo.InvariantCulture, $"@{g:F0}C") : ""))];

    private static CalibrationResult RunWithDisplay(ParameterSet baseSet, List<CalibrationParameter> parameters, List<CalibrationTest> fitTests, List<CalibrationTest> heldOut, CalibrationSettings settings)
    {
        var names = ShortNames(parameters);
        string Line(CalibrationProgress p) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Stage,-22} it {p.Iteration,3}  cost {p.Cost,12:G6}  evals {p.Evaluations,4}  {p.Elapsed_s,6:F0} s | {string.Join(" ", p.Values.Select((v, i) => $"{names[i]}={v:G4}"))}");
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return Calibrator.Run(baseSet, parameters, fitTests, heldOut, settings, p => Console.WriteLine(Line(p)));
        }

        CalibrationResult? result = null;
        var table = new Table().AddColumn("stage").AddColumn("iteration").AddColumn("cost ½‖r‖²").AddColumn("evaluations").AddColumn("elapsed");
        var values = new Table().AddColumn("parameter").AddColumn("value");
        foreach (var n in parameters)
        {
            values.AddRow(Markup.Escape(n.Label), "");
        }

        table.AddRow("starting", "", "", "", "");
        var layout = new Rows(table, values);
        AnsiConsole.Live(layout).AutoClear(false).Start(ctx =>
        {
            result = Calibrator.Run(baseSet, parameters, fitTests, heldOut, settings, p =>
            {
                table.UpdateCell(0, 0, Markup.Escape(p.Stage));
                table.UpdateCell(0, 1, p.Iteration.ToString(CultureInfo.InvariantCulture));
                table.UpdateCell(0, 2, p.Cost.ToString("G6", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 3, p.Evaluations.ToString(CultureInfo.InvariantCulture));
                table.UpdateCell(0, 4, p.Elapsed_s.ToString("F0", CultureInfo.InvariantCulture) + " s");
                for (var i = 0; i < p.Values.Count; i++)
                {
                    values.UpdateCell(i, 1, p.Values[i].ToString("G5", CultureInfo.InvariantCulture));
                }

                ctx.Refresh();
            });
        });
        return result!;
    }

    private static void PrintSummary(CalibrationResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"{(r.Converged ? "converged" : "NOT CONVERGED")}: {r.Reason}; {r.Iterations} iterations, {r.Evaluations} evaluations, {r.Elapsed_s:F0} s; cost {r.InitialCost:G5} -> {r.Cost:G5}"));
        Console.WriteLine("parameter                                                                   base        fitted      ± 2σ");
        for (var i = 0; i < r.Parameters.Count; i++)
        {
            Console.WriteLine(string.Create(inv, $"{r.Parameters[i].Label,-75} {r.BaseValues[i],-11:G5} {r.Values[i],-11:G5} {2 * r.Sigma[i],-10:G3}{(r.AtBound[i] ? " at a bound" : "")}"));
        }

        Console.WriteLine();
        Console.Write(r.Covariance.IdentifiabilityNotes(r.Parameters, r.AtBound));
        if (r.After.Count > 0)
        {
            Console.WriteLine();
            Console.Write(TestMetrics.Table(r.MetricsBefore, "before (base cell, default mesh):"));
            Console.WriteLine();
            Console.Write(TestMetrics.Table(r.MetricsAfter.Take(r.FitTests.Count), "after, fitted tests (default mesh):"));
            if (r.ValidationTests.Count > 0)
            {
                Console.WriteLine();
                Console.Write(TestMetrics.Table(r.MetricsAfter.Skip(r.FitTests.Count), "after, held-out tests (default mesh):"));
            }
        }
    }

    private static FitSpec ParseFit(string spec)
    {
        var eq = spec.LastIndexOf('=');
        if (eq < 0)
        {
            return (spec.Trim(), null, null);
        }

        var bounds = spec[(eq + 1)..];
        var parts = bounds.Split("..");
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi))
        {
            throw new UsageException($"--fit '{spec}': bounds must read NAME=LOWER..UPPER, e.g. \"Contact resistance [Ohm]=0..0.05\"");
        }

        return (spec[..eq].Trim(), lo, hi);
    }

    /// <summary>A mesh from the command line's volumes and shells, refused in one line outside 2–400 / 3–400.</summary>
    internal static ModelOptions Mesh(int volumes, int shells, ThermalModel thermal, string what)
    {
        if (volumes < 2 || volumes > 400 || shells < 3 || shells > 400)
        {
            throw new UsageException($"{what}: volumes must be 2–400 and shells 3–400 (got {volumes} and {shells})");
        }

        return new ModelOptions
        {
            Thermal = thermal,
            NegativeVolumes = volumes,
            SeparatorVolumes = volumes,
            PositiveVolumes = volumes,
            NegativeShells = shells,
            PositiveShells = shells,
        };
    }

    private static string QuoteArgument(string s) => s.Contains(' ', StringComparison.Ordinal) || s.Contains('[', StringComparison.Ordinal) ? $"\"{s}\"" : s;

    /// <summary>
    /// The commit the running program was built from (short hash, from the informational version the SDK stamps at
    /// build time), or "unknown". Not the working tree's HEAD: a program built earlier than the checkout would
    /// otherwise claim code it does not contain.
    /// </summary>
    private static string BuildCommit()
    {
        var version = typeof(CalibrateCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var hash = plus >= 0 ? version[(plus + 1)..] : "";
        return hash.Length >= 7 && hash.All(Uri.IsHexDigit) ? hash[..7] : "unknown";
    }
}
