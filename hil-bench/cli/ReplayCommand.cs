using System.CommandLine;
using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.Bench;

/// <summary>
/// <c>chargetwin-bench replay</c>: measured tests replayed through a cell with their recorded current, nothing fitted —
/// the calibration's error table, the ±2σ band the cell's covariance predicts, overlay figures; pulse files reported
/// by chamber temperature and SOC, OCV tables against the cell's OCV.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var cell = new Option<string>("--cell") { Description = "cell: an id (lgm50, okane2022, …) or a cell .yaml / BPX .json file", DefaultValueFactory = _ => CellLibrary.DefaultId };
        var data = new Option<string[]>("--data") { Description = "measured tests: rate-test CSVs with a header, headerless curves as FILE@RATE, the LG M50 pulse file, OCV tables (refSoC_percent, meanOCV_V, meanHys_V)", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "output folder: replay.md, replay.csv and one figure per test", DefaultValueFactory = _ => "out/replay" };
        var pulseTemperatures = new Option<double[]>("--pulse-temperature") { Description = "replay only the pulses at these chamber temperatures [°C] (default: all)", AllowMultipleArgumentsPerToken = true };
        var noBand = new Option<bool>("--no-band") { Description = "skip the ±2σ band (it costs 2n + 1 replays of every test, n the cell's fitted parameters)" };
        var noFigures = new Option<bool>("--no-figures") { Description = "write the tables only" };
        var withCharge = new Option<bool>("--with-charge") { Description = "rate tests: also replay the CC-CV charge and the rest after it" };
        var volumes = new Option<int>("--volumes") { Description = "finite volumes per domain of the replays", DefaultValueFactory = _ => 20 };
        var shells = new Option<int>("--shells") { Description = "shells per particle of the replays", DefaultValueFactory = _ => 20 };
        var bandVolumes = new Option<int>("--band-volumes") { Description = "finite volumes per domain of the band's sensitivities (the calibration's fit mesh)", DefaultValueFactory = _ => 10 };
        var bandShells = new Option<int>("--band-shells") { Description = "shells per particle of the band's sensitivities", DefaultValueFactory = _ => 10 };
        var ambient = new Option<double>("--ambient-C") { Description = "ambient of headerless curves [°C]", DefaultValueFactory = _ => 25 };
        var workers = new Option<int>("--workers") { Description = "threads for the replays (0: all cores)", DefaultValueFactory = _ => 0 };
        var command = new Command("replay", "Replay measured tests through a cell with their recorded current (no fitting): error table, the ±2σ band of the cell's parameter covariance, overlay figures; pulses by temperature and SOC; OCV tables.");
        foreach (var o in new Option[] { cell, data, output, pulseTemperatures, noBand, noFigures, withCharge, volumes, shells, bandVolumes, bandShells, ambient, workers })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Cli.Guard(() =>
        {
            try
            {
                var threads = parse.GetValue(workers);
                if (threads < 0)
                {
                    throw new UsageException($"--workers {threads}: expected 0 (all cores) or more");
                }

                var settings = new MeasuredReplaySettings
                {
                    Model = CalibrateCommand.Mesh(parse.GetValue(volumes), parse.GetValue(shells), ThermalModel.Lumped, "--volumes/--shells"),
                    BandModel = CalibrateCommand.Mesh(parse.GetValue(bandVolumes), parse.GetValue(bandShells), ThermalModel.Lumped, "--band-volumes/--band-shells"),
                    Band = !parse.GetValue(noBand),
                    TracePoints = parse.GetValue(noFigures) ? 0 : 400,
                    Workers = threads,
                };
                var dir = parse.GetValue(output)!;
                OutputPath.Folder("--out", dir);
                var set = CellLibrary.Load(parse.GetValue(cell)!);
                var (tests, pulses, ocv) = Load(parse.GetValue(data)!, set, parse.GetValue(pulseTemperatures) ?? [], parse.GetValue(withCharge), parse.GetValue(ambient));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"replaying {tests.Count} test(s) through {set.Name} ({set.Source}){(ocv.Count > 0 ? $", {ocv.Count} OCV table(s)" : "")}; mesh {settings.Model.NegativeVolumes}/{settings.Model.NegativeShells}{(settings.Band && set.Uncertainty is not null ? $", band on {settings.BandModel.NegativeVolumes}/{settings.BandModel.NegativeShells}" : "")}"));
                var result = MeasuredReplay.Run(set, tests, pulses, ocv, settings, Console.IsOutputRedirected ? null : line => Console.Write($"\r{line,-100}"));
                if (!Console.IsOutputRedirected)
                {
                    Console.WriteLine();
                }

                var commandLine = "chargetwin-bench " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
                var table = ReplayReport.Markdown(result, commandLine);
                File.WriteAllText(Path.Combine(dir, "replay.md"), table);
                ReplayReport.WriteCsv(Path.Combine(dir, "replay.csv"), result);
                if (!parse.GetValue(noFigures))
                {
                    ReplayReport.WriteFigures(dir, result, threads > 0 ? threads : Environment.ProcessorCount);
                }

                Console.WriteLine();
                Console.Write(table);
                Console.WriteLine($"tables: {Path.Combine(dir, "replay.md")}, points: {Path.Combine(dir, "replay.csv")}{(parse.GetValue(noFigures) ? "" : $", figures: {dir}/NNN-<test>.png")}");
                return Cli.Ok;
            }
            catch (Exception e) when (e is MeasuredDataException or CalibrationInputException)
            {
                throw new UsageException(e.Message);
            }
        }));
        return command;
    }

    /// <summary>The files named by --data: rate tests and curves (one test each), pulse files (one test per pulse), OCV tables.</summary>
    private static (List<CalibrationTest> Tests, List<PulseTest?> Pulses, List<OcvTable> Ocv) Load(string[] specs, ParameterSet set, double[] pulseTemperatures, bool withCharge, double ambient_C)
    {
        var capacity = set.TryGetScalar("Nominal cell capacity [A.h]", out var c) ? c : 5.0;
        var replay = new ReplayOptions { IncludeCharge = withCharge, NominalCapacity_Ah = capacity };
        var ambientK = ambient_C + PhysicalConstants.ZeroCelsius_K;
        List<CalibrationTest> tests = [];
        List<PulseTest?> pulses = [];
        List<OcvTable> ocv = [];
        var pulseFiles = 0;
        foreach (var spec in specs)
        {
            if (OcvTable.IsOcvTable(spec))
            {
                ocv.Add(OcvTable.Read(spec));
            }
            else if (PulseTestReader.IsPulseFile(spec))
            {
                pulseFiles++;
                foreach (var p in PulseTestReader.Read(spec, PulseTestReader.DefaultOptions with { NominalCapacity_Ah = capacity }))
                {
                    if (pulseTemperatures.Length == 0 || pulseTemperatures.Contains(p.Temperature_C))
                    {
                        tests.Add(p.Test);
                        pulses.Add(p);
                    }
                }
            }
            else
            {
                tests.Add(CalibrationData.Load(spec, replay, ambientK));
                pulses.Add(null);
            }
        }

        if (pulseTemperatures.Length > 0 && pulseFiles == 0)
        {
            throw new UsageException("--pulse-temperature: no pulse file among --data");
        }

        if (pulseTemperatures.Length > 0 && pulses.All(p => p is null))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--pulse-temperature {string.Join(' ', pulseTemperatures)}: the pulse file has no pulses at that chamber temperature"));
        }

        return (tests, pulses, ocv);
    }
}
