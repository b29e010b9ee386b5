using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Reads a campaign YAML file strictly: unknown keys, values in the wrong units, impossible limits and
/// missing files (cells, drive cycles) are <see cref="CampaignException"/>s naming file, line and field.
/// The format is described in hil-bench/campaign-files/README.md.
/// </summary>
public static class CampaignLoader
{
    private static readonly string[] TopKeys =
    [
        "name", "description", "seed", "link", "period", "time_limit", "plant", "cells", "ageing", "ambient", "start_soc", "target_soc",
        "discharge", "spread", "sensors", "faults", "stop_after_fault", "charger", "controllers", "limits", "estimates", "bench", "report",
    ];

    /// <param name="path">The campaign file.</param>
    /// <param name="link">Overrides the file's <c>link:</c> (the command line's <c>--link</c>), checked as if the file said so.</param>
    public static Campaign Load(string path, LinkKind? link = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new CampaignException(path, 0, "", "file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CampaignException(path, 0, "", "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CampaignException(path, 0, "", $"cannot read the file: {e.Message}");
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", link);
    }

    /// <param name="text">The YAML.</param>
    /// <param name="displayName">The file as messages name it.</param>
    /// <param name="baseDirectory">Where relative cell and drive-cycle paths are looked up.</param>
    /// <param name="linkOverride">Overrides the file's <c>link:</c>, checked as if the file said so.</param>
    public static Campaign Parse(string text, string displayName, string baseDirectory, LinkKind? linkOverride = null)
    {
        var y = CampaignYaml.Reader(displayName);
        var file = ReadTopLevel(y, text);
        var header = ReadHeader(y, file, linkOverride);
        var matrix = ReadMatrix(y, file, baseDirectory);
        var (sensors, charger) = ReadBench(y, file, header.Link);
        var controllers = new ControllerSpecReader(y, charger).Read(file.Need("controllers"));
        var limits = file.Get("limits") is { } limitsNode ? new LimitReader(y, controllers).Read(limitsNode) : [];
        var options = ReadOptions(y, file, charger);
        var faultSets = file.Get("faults") is { } fn ? new FaultReader(y).ReadAxis(fn) : [FaultSet.None];
        var stopAfterFault = file.Get("stop_after_fault") is { } sf ? y.Value(sf, "stop_after_fault", QuantityKind.Time, 0, 48 * 3600, minExclusive: true) : double.PositiveInfinity;
        return new Campaign
        {
            Name = header.Name,
            Description = header.Description,
            SourcePath = displayName,
            SourceText = text,
            Seed = header.Seed,
            Link = header.Link,
            Period_s = header.Period_s,
            TimeLimit_s = header.TimeLimit_s,
            Plant = matrix.Plant,
            Cells = matrix.Cells,
            Ageing = matrix.Ageing,
            Ambients_K = matrix.Ambients_K,
            StartSocs = matrix.StartSocs,
            TargetSocs = matrix.TargetSocs,
            Discharges = matrix.Discharges,
            Spread = matrix.Spread,
            Sensors = sensors,
            FaultSets = faultSets,
            StopAfterFault_s = stopAfterFault,
            Charger = charger,
            Controllers = controllers,
            Limits = limits,
            CoverageK = options.CoverageK,
            Safety = options.Safety,
            Report = options.Report,
        };
    }

    /// <summary>The file's one mapping, its keys checked against the known ones.</summary>
    private static CampaignSection ReadTopLevel(YamlReader<CampaignException> y, string text)
    {
        var documents = y.Parse(text);
        if (documents.Count == 0)
        {
            throw new CampaignException(y.File, 1, "", "the file is empty");
        }

        var root = y.Mapping(documents[0].RootNode, "campaign");
        return new CampaignSection(y, root, "", TopKeys);
    }

    /// <summary>What the campaign is called, its seed, and how the controller meets the bench and how often it decides.</summary>
    private static Header ReadHeader(YamlReader<CampaignException> y, CampaignSection file, LinkKind? linkOverride)
    {
        var name = y.Text(file.Need("name"), "name");
        var description = file.Get("description") is { } d ? y.Text(d, "description") : "";
        var seedText = y.Text(file.Need("seed"), "seed");
        if (!ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            throw y.Error(file.Need("seed"), "seed", $"'{seedText}' is not a whole number ≥ 0");
        }

        var link = linkOverride ?? (file.Get("link") is { } lk ? ReadLink(y, lk) : LinkKind.Can);
        var period = file.Get("period") is { } pn ? y.Value(pn, "period", QuantityKind.Time, 0.01, 600) : 1.0;
        if (link == LinkKind.Can)
        {
            CheckCanPeriod(y, file.Get("period") ?? file.Node, period);
        }

        var timeLimit = file.Get("time_limit") is { } tl ? y.Value(tl, "time_limit", QuantityKind.Time, period, 48 * 3600, minExclusive: true) : 3 * 3600.0;
        return new Header(name, description, seed, link, period, timeLimit);
    }

    private static LinkKind ReadLink(YamlReader<CampaignException> y, YamlNode node) => y.Text(node, "link") switch
    {
        "can" => LinkKind.Can,
        "direct" => LinkKind.Direct,
        var other => throw y.Error(node, "link", $"'{other}': expected can (the DBC's frames on a virtual CAN bus) or direct"),
    };

    /// <summary>On the CAN link the controller runs on the bus's tick: its period must be a whole number of ticks.</summary>
    private static void CheckCanPeriod(YamlReader<CampaignException> y, YamlNode node, double period_s)
    {
        if (BenchProtocol.TicksPerPeriod(period_s) is null)
        {
            throw y.Error(node, "period", $"{BenchProtocol.NotWholeTicks(period_s)} (use a multiple, or link: direct)");
        }
    }

    /// <summary>The matrix of conditions: the plant model, then the axes every controller is run on.</summary>
    private static Matrix ReadMatrix(YamlReader<CampaignException> y, CampaignSection file, string baseDirectory)
    {
        var read = new MatrixReader(y, baseDirectory);
        var plant = file.Get("plant") is { } pl ? read.Plant(pl) : new PlantSpec();
        var cells = file.Get("cells") is { } cn ? read.Cells(cn) : [CellLibrary.DefaultId];
        var spread = file.Get("spread") is { } sp ? new SpreadReader(y).Read(sp, file, cells) : null;

        // A quantity the spread draws is not an axis: the file's axis is then absent (SpreadReader checked) and empty here.
        var ageing = file.Get("ageing") is { } an ? read.Ageing(an) : spread?.Ageing is null ? [new NamedAgeing("fresh", AgeingState.Fresh)] : [];
        var ambients = spread?.Ambient_K is null ? read.Ambients(file.Need("ambient")) : [];
        var starts = spread?.StartSoc is null ? read.StartSocs(file.Need("start_soc")) : [];
        var targets = read.TargetSocs(file.Need("target_soc"), spread?.StartSoc is { } drawn ? [drawn.Max] : starts);
        var discharges = file.Get("discharge") is { } dn ? read.Discharges(dn) : [DischargeSpec.None];
        return new Matrix(plant, cells, ageing, ambients, starts, targets, discharges, spread);
    }

    /// <summary>The bench the controller is connected to: its sensor suites (an axis) and the charger.</summary>
    private static (List<SensorSuite> Sensors, ChargerSpec Charger) ReadBench(YamlReader<CampaignException> y, CampaignSection file, LinkKind link)
    {
        var sensors = file.Get("sensors") is { } sn ? new SensorSuiteReader(y).Read(sn) : [SensorSuite.Ideal];
        var charger = new ChargerSpecReader(y).Read(file.Need("charger"), link);
        return (sensors, charger);
    }

    /// <summary>How results are judged and shown: the k of the ±kσ coverage, the bench's own abort limits, the report's contents.</summary>
    private static Options ReadOptions(YamlReader<CampaignException> y, CampaignSection file, ChargerSpec charger)
    {
        var coverageK = 2.0;
        if (file.Get("estimates") is { } en)
        {
            foreach (var (key, _, value, _) in y.Entries(y.Mapping(en, "estimates"), "estimates", ["k"]))
            {
                coverageK = y.Value(value, $"estimates.{key}", QuantityKind.Number, 0, 10, minExclusive: true);
            }
        }

        var safety = new BenchSafety();
        if (file.Get("bench") is { } bn)
        {
            foreach (var (key, _, value, _) in y.Entries(y.Mapping(bn, "bench"), "bench", ["abort_voltage", "abort_temperature"]))
            {
                safety = key == "abort_voltage"
                    ? safety with { AbortVoltage_V = y.Value(value, "bench.abort_voltage", QuantityKind.Voltage, 0, 10, minExclusive: true) }
                    : safety with { AbortTemperature_K = y.Value(value, "bench.abort_temperature", QuantityKind.Temperature, 273.15, 273.15 + 150) };
                if (key == "abort_voltage" && safety.AbortVoltage_V <= charger.MaxVoltage_V)
                {
                    throw y.Error(value, "bench.abort_voltage", $"impossible: the bench would abort below the charger's own voltage limit ({charger.MaxVoltage_V:0.###} V)");
                }
            }
        }

        var report = new ReportOptions();
        if (file.Get("report") is { } rn)
        {
            foreach (var (key, _, value, _) in y.Entries(y.Mapping(rn, "report"), "report", ["plots", "traces"]))
            {
                report = key == "traces"
                    ? report with { Traces = y.Boolean(value, "report.traces") }
                    : report with { Plots = y.OneOf(value, "report.plots", ("all", PlotSelection.All), ("failed", PlotSelection.Failed), ("none", PlotSelection.None)) };
            }
        }

        return new Options(coverageK, safety, report);
    }

    private sealed record Header(string Name, string Description, ulong Seed, LinkKind Link, double Period_s, double TimeLimit_s);

    private sealed record Matrix(
        PlantSpec Plant,
        List<string> Cells,
        List<NamedAgeing> Ageing,
        List<double> Ambients_K,
        List<double> StartSocs,
        List<double> TargetSocs,
        List<DischargeSpec> Discharges,
        SpreadSpec? Spread);

    private sealed record Options(double CoverageK, BenchSafety Safety, ReportOptions Report);
}
