using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;
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
        "discharge", "sensors", "charger", "controllers", "limits", "estimates", "bench", "report",
    ];

    private static readonly string[] ChannelKeys = ["noise", "bias", "quantisation", "lag"];

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
        var documents = y.Parse(text);
        if (documents.Count == 0)
        {
            throw new CampaignException(displayName, 1, "", "the file is empty");
        }

        var root = y.Mapping(documents[0].RootNode, "campaign");
        var entries = y.Entries(root, "", TopKeys).ToDictionary(e => e.Key);
        YamlNode? Get(string key) => entries.TryGetValue(key, out var e) ? e.Value : null;
        YamlNode Need(string key) => Get(key) ?? throw y.Error(root, key, "required key is missing");

        var name = y.Text(Need("name"), "name");
        var seedText = y.Text(Need("seed"), "seed");
        if (!ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            throw y.Error(Need("seed"), "seed", $"'{seedText}' is not a whole number ≥ 0");
        }

        var link = linkOverride ?? (Get("link") is { } lk ? ReadLink(y, lk) : LinkKind.Can);
        var period = Get("period") is { } pn ? y.Value(pn, "period", QuantityKind.Time, 0.01, 600) : 1.0;
        if (link == LinkKind.Can)
        {
            CheckCanPeriod(y, Get("period") ?? root, period);
        }

        var timeLimit = Get("time_limit") is { } tl ? y.Value(tl, "time_limit", QuantityKind.Time, period, 48 * 3600, minExclusive: true) : 3 * 3600.0;

        var plant = Get("plant") is { } pl ? ReadPlant(y, pl) : new PlantSpec();
        var cells = Get("cells") is { } cn ? ReadCells(y, cn, baseDirectory) : [CellLibrary.DefaultId];
        var ageing = Get("ageing") is { } an ? ReadAgeing(y, an) : [new NamedAgeing("fresh", AgeingState.Fresh)];
        var ambients = y.Axis(Need("ambient"), "ambient").Select(n => y.Value(n, "ambient", QuantityKind.Temperature, 273.15 - 40, 273.15 + 60)).ToList();
        var startNodes = y.Axis(Need("start_soc"), "start_soc");
        var starts = startNodes.Select(n => y.Value(n, "start_soc", QuantityKind.Fraction, 0, 1)).ToList();
        var targetNodes = y.Axis(Need("target_soc"), "target_soc");
        var targets = targetNodes.Select(n => y.Value(n, "target_soc", QuantityKind.Fraction, 0, 1)).ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] <= starts.Max())
            {
                throw y.Error(targetNodes[i], "target_soc", $"impossible: target SOC {targets[i] * 100:0.#} % is not above the start SOC {starts.Max() * 100:0.#} %");
            }
        }

        var discharges = Get("discharge") is { } dn ? ReadDischarges(y, dn, baseDirectory) : [DischargeSpec.None];
        var sensors = Get("sensors") is { } sn ? ReadSensors(y, sn) : [SensorSuite.Ideal];
        var charger = ReadCharger(y, Need("charger"), link);
        var controllers = ReadControllers(y, Need("controllers"), charger);
        var limits = Get("limits") is { } ln ? ReadLimits(y, ln, controllers) : [];
        var coverageK = 2.0;
        if (Get("estimates") is { } en)
        {
            foreach (var (key, _, value, _) in y.Entries(y.Mapping(en, "estimates"), "estimates", ["k"]))
            {
                coverageK = y.Value(value, $"estimates.{key}", QuantityKind.Number, 0, 10, minExclusive: true);
            }
        }

        var safety = new BenchSafety();
        if (Get("bench") is { } bn)
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
        if (Get("report") is { } rn)
        {
            foreach (var (key, _, value, _) in y.Entries(y.Mapping(rn, "report"), "report", ["plots", "traces"]))
            {
                report = key == "traces"
                    ? report with { Traces = y.Boolean(value, "report.traces") }
                    : report with
                    {
                        Plots = y.Text(value, "report.plots") switch
                        {
                            "all" => PlotSelection.All,
                            "failed" => PlotSelection.Failed,
                            "none" => PlotSelection.None,
                            var other => throw y.Error(value, "report.plots", $"'{other}': expected all, failed or none"),
                        },
                    };
            }
        }

        return new Campaign
        {
            Name = name,
            Description = Get("description") is { } d ? y.Text(d, "description") : "",
            SourcePath = displayName,
            SourceText = text,
            Seed = seed,
            Link = link,
            Period_s = period,
            TimeLimit_s = timeLimit,
            Plant = plant,
            Cells = cells,
            Ageing = ageing,
            Ambients_K = ambients,
            StartSocs = starts,
            TargetSocs = targets,
            Discharges = discharges,
            Sensors = sensors,
            Charger = charger,
            Controllers = controllers,
            Limits = limits,
            CoverageK = coverageK,
            Safety = safety,
            Report = report,
        };
    }

    private static PlantSpec ReadPlant(YamlReader<CampaignException> y, YamlNode node)
    {
        var spec = new PlantSpec();
        foreach (var (key, _, value, _) in y.Entries(y.Mapping(node, "plant"), "plant", ["volumes", "shells", "thermal", "plating", "sei"]))
        {
            var field = $"plant.{key}";
            spec = key switch
            {
                "volumes" => spec with { Volumes = y.Integer(value, field, 2, 100) },
                "shells" => spec with { Shells = y.Integer(value, field, 3, 100) },
                "thermal" => spec with
                {
                    Thermal = y.Text(value, field) switch
                    {
                        "lumped" => ThermalModel.Lumped,
                        "isothermal" => ThermalModel.Isothermal,
                        var o => throw y.Error(value, field, $"'{o}': expected lumped or isothermal"),
                    },
                },
                "plating" => spec with
                {
                    Plating = y.Text(value, field) switch
                    {
                        "partially-reversible" => PlatingModel.PartiallyReversible,
                        "reversible" => PlatingModel.Reversible,
                        "irreversible" => PlatingModel.Irreversible,
                        "none" => PlatingModel.None,
                        var o => throw y.Error(value, field, $"'{o}': expected partially-reversible, reversible, irreversible or none"),
                    },
                },
                _ => spec with
                {
                    Sei = y.Text(value, field) switch
                    {
                        "solvent-diffusion" => SeiModel.SolventDiffusionLimited,
                        "reaction" => SeiModel.ReactionLimited,
                        "none" => SeiModel.None,
                        var o => throw y.Error(value, field, $"'{o}': expected solvent-diffusion, reaction or none"),
                    },
                },
            };
        }

        return spec;
    }

    private static List<string> ReadCells(YamlReader<CampaignException> y, YamlNode node, string baseDirectory)
    {
        var cells = new List<string>();
        foreach (var n in y.Axis(node, "cells"))
        {
            var text = y.Text(n, "cells");
            var id = CellLibrary.KnownIds.Contains(text, StringComparer.OrdinalIgnoreCase) ? text : Path.GetFullPath(Path.Combine(baseDirectory, text));
            try
            {
                CellLibrary.Load(id);
            }
            catch (ParameterException e)
            {
                throw y.Error(n, "cells", e.File == id ? $"'{text}': {e.Detail}" : $"'{text}': {e.Message}");
            }

            cells.Add(id);
        }

        return cells;
    }

    private static List<NamedAgeing> ReadAgeing(YamlReader<CampaignException> y, YamlNode node)
    {
        var list = new List<NamedAgeing>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "ageing"), "ageing", []))
        {
            var state = AgeingState.Fresh;
            if (value is YamlMappingNode m)
            {
                foreach (var (key, _, v, _) in y.Entries(m, $"ageing.{name}", ["lli", "lam_negative", "lam_positive", "resistance_growth"]))
                {
                    var field = $"ageing.{name}.{key}";
                    state = key switch
                    {
                        "lli" => state with { LithiumInventoryLoss = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) },
                        "lam_negative" => state with { NegativeActiveMaterialLoss = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) },
                        "lam_positive" => state with { PositiveActiveMaterialLoss = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) },
                        _ => state with { ResistanceGrowth_Ohm = y.Value(v, field, QuantityKind.Resistance, 0, 1) },
                    };
                }
            }
            else if (!(value is YamlScalarNode s && (s.Value is null || s.Value.Length == 0 || s.Value == "fresh")))
            {
                throw y.Error(value, $"ageing.{name}", "expected a mapping of lli, lam_negative, lam_positive, resistance_growth (or {} for a fresh cell)");
            }

            list.Add(new NamedAgeing(name, state));
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "ageing", "no ageing states");
        }

        return list;
    }

    private static List<DischargeSpec> ReadDischarges(YamlReader<CampaignException> y, YamlNode node, string baseDirectory)
    {
        var list = new List<DischargeSpec>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "discharge"), "discharge", []))
        {
            if (value is not YamlMappingNode m || m.Children.Count == 0)
            {
                list.Add(DischargeSpec.None with { Name = name });
                continue;
            }

            string? profile = null;
            YamlNode? profileNode = null;
            var repeat = 1;
            var scale = 1.0;
            var rest = 0.0;
            foreach (var (key, _, v, _) in y.Entries(m, $"discharge.{name}", ["drive_cycle", "repeat", "scale", "rest"]))
            {
                var field = $"discharge.{name}.{key}";
                switch (key)
                {
                    case "drive_cycle":
                        profile = y.Text(v, field);
                        profileNode = v;
                        break;
                    case "repeat":
                        repeat = y.Integer(v, field, 1, 100);
                        break;
                    case "scale":
                        scale = y.Value(v, field, QuantityKind.Number, 0, 10, minExclusive: true);
                        break;
                    default:
                        rest = y.Value(v, field, QuantityKind.Time, 0, 24 * 3600);
                        break;
                }
            }

            if (profile is null || profileNode is null)
            {
                throw y.Error(m, $"discharge.{name}.drive_cycle", "required key is missing (UDDS, US06, WLTC or a CSV path)");
            }

            var (t, values, isPower) = DriveCycleFile.Read(y, profileNode, $"discharge.{name}.drive_cycle", profile, baseDirectory);
            list.Add(new DischargeSpec(name, Path.GetFileNameWithoutExtension(profile), t, values, isPower, repeat, scale, rest));
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "discharge", "no discharge entries");
        }

        return list;
    }

    private static List<SensorSuite> ReadSensors(YamlReader<CampaignException> y, YamlNode node)
    {
        var list = new List<SensorSuite>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "sensors"), "sensors", []))
        {
            var suite = SensorSuite.Ideal with { Name = name };
            var faults = new List<SensorFaultSpec>();
            foreach (var (key, _, v, _) in y.Entries(y.Mapping(value, $"sensors.{name}"), $"sensors.{name}", ["voltage", "current", "temperature", "pressure", "faults", "initial_soc_sigma"]))
            {
                var field = $"sensors.{name}.{key}";
                switch (key)
                {
                    case "voltage":
                        suite = suite with { Voltage = ReadChannel(y, v, field, QuantityKind.Voltage) };
                        break;
                    case "current":
                        suite = suite with { Current = ReadChannel(y, v, field, QuantityKind.Current) };
                        break;
                    case "temperature":
                        suite = suite with { Temperature = ReadChannel(y, v, field, QuantityKind.TemperatureDifference) };
                        break;
                    case "pressure":
                        suite = suite with { Pressure = ReadChannel(y, v, field, QuantityKind.Pressure) };
                        break;
                    case "initial_soc_sigma":
                        suite = suite with { InitialSocSigma = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) };
                        break;
                    default:
                        foreach (var f in y.Sequence(v, field).Children)
                        {
                            faults.Add(ReadFault(y, f, field));
                        }

                        break;
                }
            }

            list.Add(suite with { Faults = faults });
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "sensors", "no sensor suites");
        }

        return list;
    }

    private static SensorChannelSpec ReadChannel(YamlReader<CampaignException> y, YamlNode node, string field, QuantityKind kind)
    {
        var spec = SensorChannelSpec.Ideal;
        foreach (var (key, _, v, _) in y.Entries(y.Mapping(node, field), field, ChannelKeys))
        {
            var f = $"{field}.{key}";
            spec = key switch
            {
                "noise" => spec with { Noise = NotCRate(y, v, f, kind, 0) },
                "bias" => spec with { Bias = NotCRate(y, v, f, kind, null) },
                "quantisation" => spec with { Quantisation = NotCRate(y, v, f, kind, 0) },
                _ => spec with { Lag_s = y.Value(v, f, QuantityKind.Time, 0, 3600) },
            };
        }

        return spec;
    }

    private static double NotCRate(YamlReader<CampaignException> y, YamlNode v, string field, QuantityKind kind, double? min)
    {
        var q = y.Quantity(v, field, kind);
        if (q.IsCRate)
        {
            throw y.Error(v, field, $"'{y.Text(v, field)}': a sensor's errors are absolute (A or mA), not C-rates");
        }

        if (min is { } lo && q.Value < lo)
        {
            throw y.Error(v, field, $"'{y.Text(v, field)}' must not be negative");
        }

        return q.Value;
    }

    private static SensorFaultSpec ReadFault(YamlReader<CampaignException> y, YamlNode node, string field)
    {
        var m = y.Mapping(node, field);
        SensorFaultKind? kind = null;
        SensorChannelId channel = SensorChannelId.Voltage;
        YamlNode? valueNode = null;
        var at = 0.0;
        var duration = double.PositiveInfinity;
        var hasChannel = false;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["kind", "channel", "at", "duration", "value"]))
        {
            var f = $"{field}.{key}";
            switch (key)
            {
                case "kind":
                    kind = y.Text(v, f) switch
                    {
                        "stuck" => SensorFaultKind.Stuck,
                        "offset" => SensorFaultKind.Offset,
                        "heartbeat_loss" => SensorFaultKind.HeartbeatLoss,
                        var o => throw y.Error(v, f, $"'{o}': expected stuck, offset or heartbeat_loss"),
                    };
                    break;
                case "channel":
                    hasChannel = true;
                    channel = y.Text(v, f) switch
                    {
                        "voltage" => SensorChannelId.Voltage,
                        "current" => SensorChannelId.Current,
                        "temperature" => SensorChannelId.Temperature,
                        "pressure" => SensorChannelId.Pressure,
                        var o => throw y.Error(v, f, $"'{o}': expected voltage, current, temperature or pressure"),
                    };
                    break;
                case "at":
                    at = y.Value(v, f, QuantityKind.Time, 0, 48 * 3600);
                    break;
                case "duration":
                    duration = y.Value(v, f, QuantityKind.Time, 0, 48 * 3600, minExclusive: true);
                    break;
                default:
                    valueNode = v;
                    break;
            }
        }

        if (kind is null)
        {
            throw y.Error(node, $"{field}.kind", "required key is missing (stuck, offset or heartbeat_loss)");
        }

        if (kind != SensorFaultKind.HeartbeatLoss && !hasChannel)
        {
            throw y.Error(node, $"{field}.channel", "required key is missing for a sensor fault");
        }

        var value = 0.0;
        if (kind == SensorFaultKind.Offset)
        {
            if (valueNode is null)
            {
                throw y.Error(node, $"{field}.value", "an offset fault needs a value");
            }

            var k = channel switch
            {
                SensorChannelId.Voltage => QuantityKind.Voltage,
                SensorChannelId.Current => QuantityKind.Current,
                SensorChannelId.Temperature => QuantityKind.TemperatureDifference,
                _ => QuantityKind.Pressure,
            };
            value = NotCRate(y, valueNode, $"{field}.value", k, null);
        }

        return new SensorFaultSpec(kind.Value, channel, at, duration, value);
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
        var tickNs = BenchProtocol.TickNs(new ChargerProtocol(BenchProtocol.Database));
        var periodNs = Math.Round(period_s * 1e9);
        if (Math.Abs((periodNs / tickNs) - Math.Round(periodNs / tickNs)) > 1e-9)
        {
            throw y.Error(node, "period", string.Create(CultureInfo.InvariantCulture,
                $"{period_s:0.####} s is not a whole number of the CAN link's {tickNs / 1e6:0.###} ms tick (use a multiple, or link: direct)"));
        }
    }

    private static ChargerSpec ReadCharger(YamlReader<CampaignException> y, YamlNode node, LinkKind link)
    {
        var m = y.Mapping(node, "charger");
        var e = y.Entries(m, "charger", ["max_current", "max_voltage", "slew", "heartbeat_timeout"]).ToDictionary(x => x.Key);
        YamlNode Need(string k) => e.TryGetValue(k, out var x) ? x.Value : throw y.Error(m, $"charger.{k}", "required key is missing");
        var current = PositiveCurrent(y, Need("max_current"), "charger.max_current");
        var voltage = y.Value(Need("max_voltage"), "charger.max_voltage", QuantityKind.Voltage, 2, 5, minExclusive: true);
        var slew = e.TryGetValue("slew", out var s) ? y.Quantity(s.Value, "charger.slew", QuantityKind.SlewRate) : new Quantity(QuantityKind.SlewRate, 1000);
        if (!(slew.Value > 0))
        {
            throw y.Error(s.Value, "charger.slew", "impossible: the slew rate must be positive");
        }

        if (link == LinkKind.Can && e.TryGetValue("heartbeat_timeout", out var ignored))
        {
            throw y.Error(ignored.Value, "charger.heartbeat_timeout",
                "applies to link: direct only; on the CAN link the DBC's timeouts supervise the controller (PS_Setpoint 60 ms, CTRL_Heartbeat 300 ms)");
        }

        var heartbeat = e.TryGetValue("heartbeat_timeout", out var h) ? y.Value(h.Value, "charger.heartbeat_timeout", QuantityKind.Time, 0, 3600, minExclusive: true) : 5.0;
        return new ChargerSpec(current, voltage, slew, heartbeat);
    }

    private static Quantity PositiveCurrent(YamlReader<CampaignException> y, YamlNode node, string field)
    {
        var q = y.Quantity(node, field, QuantityKind.Current);
        if (!(q.Value > 0))
        {
            throw y.Error(node, field, $"'{y.Text(node, field)}': impossible, the current must be positive");
        }

        return q;
    }

    private static List<ControllerSpec> ReadControllers(YamlReader<CampaignException> y, YamlNode node, ChargerSpec charger)
    {
        var list = new List<ControllerSpec>();
        foreach (var (name, keyNode, value, _) in y.Entries(y.Mapping(node, "controllers"), "controllers", []))
        {
            var field = $"controllers.{name}";
            var m = y.Mapping(value, field);
            var typeNode = YamlScalars.Find(m, "type")
                ?? throw y.Error(keyNode, $"{field}.type", "required key is missing (cccv, multistage-cc, pressure-cc or oracle)");
            var type = y.Text(typeNode, $"{field}.type");
            list.Add(type switch
            {
                "cccv" => ReadCcCv(y, m, name, field),
                "multistage-cc" => ReadMultiStage(y, m, name, field, charger),
                "pressure-cc" => ReadPressure(y, m, name, field, charger),
                "oracle" => ReadOracle(y, m, name, field, charger),
                _ => throw y.Error(typeNode, $"{field}.type", $"'{type}': expected cccv, multistage-cc, pressure-cc or oracle"),
            });
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "controllers", "no controllers to compare");
        }

        return list;
    }

    private static double VoltageLimit(YamlReader<CampaignException> y, YamlNode v, string field, ChargerSpec charger)
    {
        var limit = y.Value(v, field, QuantityKind.Voltage, 2, 5, minExclusive: true);
        if (limit > charger.MaxVoltage_V + 1e-12)
        {
            throw y.Error(v, field, $"impossible: {limit:0.###} V is above the charger's max_voltage {charger.MaxVoltage_V:0.###} V");
        }

        return limit;
    }

    private static CcCvSpec ReadCcCv(YamlReader<CampaignException> y, YamlMappingNode m, string name, string field)
    {
        IReadOnlyList<ExperimentStep>? steps = null;
        var tolerance = 0.01;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["type", "steps", "voltage_tolerance"]))
        {
            var f = $"{field}.{key}";
            switch (key)
            {
                case "steps":
                    var parsed = new List<ExperimentStep>();
                    foreach (var s in y.Axis(v, f))
                    {
                        try
                        {
                            var step = ExperimentParser.ParseStep(y.Text(s, f));
                            if (step.Action is StepAction.Discharge || step.Quantity == StepQuantity.Power)
                            {
                                throw y.Error(s, f, $"'{step.Text}': a charging controller takes charge (current or C-rate), hold and rest steps");
                            }

                            parsed.Add(step);
                        }
                        catch (ExperimentParseException e)
                        {
                            throw y.Error(s, f, e.Message);
                        }
                    }

                    steps = parsed;
                    break;
                case "voltage_tolerance":
                    tolerance = y.Value(v, f, QuantityKind.Voltage, 0, 0.2);
                    break;
            }
        }

        return steps is null ? throw y.Error(m, $"{field}.steps", "required key is missing") : new CcCvSpec(name, steps, tolerance);
    }

    private static MultiStageCcSpec ReadMultiStage(YamlReader<CampaignException> y, YamlMappingNode m, string name, string field, ChargerSpec charger)
    {
        var stages = new List<CcStage>();
        var voltage = charger.MaxVoltage_V;
        var sawStages = false;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["type", "stages", "voltage_limit"]))
        {
            var f = $"{field}.{key}";
            if (key == "voltage_limit")
            {
                voltage = VoltageLimit(y, v, f, charger);
            }
            else if (key == "stages")
            {
                sawStages = true;
                foreach (var s in y.Sequence(v, f).Children)
                {
                    double? until = null;
                    Quantity? rate = null;
                    foreach (var (sk, _, sv, _) in y.Entries(y.Mapping(s, f), f, ["until_soc", "rate"]))
                    {
                        if (sk == "until_soc")
                        {
                            until = y.Value(sv, $"{f}.until_soc", QuantityKind.Fraction, 0, 1, minExclusive: true);
                            if (stages.Count > 0 && until <= stages[^1].UntilSoc)
                            {
                                throw y.Error(sv, $"{f}.until_soc", "impossible: the SOC windows must increase from stage to stage");
                            }
                        }
                        else
                        {
                            rate = PositiveCurrent(y, sv, $"{f}.rate");
                        }
                    }

                    if (until is null || rate is null)
                    {
                        throw y.Error(s, f, "each stage needs until_soc and rate");
                    }

                    stages.Add(new CcStage(until.Value, rate.Value));
                }
            }
        }

        return !sawStages || stages.Count == 0 ? throw y.Error(m, $"{field}.stages", "required key is missing") : new MultiStageCcSpec(name, stages, voltage);
    }

    private static PressureTriggeredSpec ReadPressure(YamlReader<CampaignException> y, YamlMappingNode m, string name, string field, ChargerSpec charger)
    {
        var rates = new List<Quantity>();
        double? threshold = null;
        var window = 60.0;
        var dwell = 120.0;
        var voltage = charger.MaxVoltage_V;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["type", "rates", "threshold", "window", "min_dwell", "voltage_limit"]))
        {
            var f = $"{field}.{key}";
            switch (key)
            {
                case "rates":
                    foreach (var r in y.Axis(v, f))
                    {
                        rates.Add(PositiveCurrent(y, r, f));
                    }

                    break;
                case "threshold":
                    threshold = y.Value(v, f, QuantityKind.PressurePerCharge, 0, null, minExclusive: true);
                    break;
                case "window":
                    window = y.Value(v, f, QuantityKind.Time, 1, 3600);
                    break;
                case "min_dwell":
                    dwell = y.Value(v, f, QuantityKind.Time, 0, 3600);
                    break;
                case "voltage_limit":
                    voltage = VoltageLimit(y, v, f, charger);
                    break;
            }
        }

        if (rates.Count == 0)
        {
            throw y.Error(m, $"{field}.rates", "required key is missing");
        }

        return threshold is null
            ? throw y.Error(m, $"{field}.threshold", "required key is missing")
            : new PressureTriggeredSpec(name, rates, threshold.Value, window, dwell, voltage);
    }

    private static OracleSpec ReadOracle(YamlReader<CampaignException> y, YamlMappingNode m, string name, string field, ChargerSpec charger)
    {
        var spec = new OracleSpec(name, 20, 60, 0.002, 273.15 + 45, charger.MaxCurrent, new Quantity(QuantityKind.Current, 0.02, IsCRate: true), 8, charger.MaxVoltage_V);
        YamlNode? intervalNode = null;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["type", "decision_interval", "horizon", "margin", "max_temperature", "max_current", "resolution", "max_evaluations", "voltage_limit"]))
        {
            var f = $"{field}.{key}";
            switch (key)
            {
                case "decision_interval":
                    intervalNode = v;
                    spec = spec with { DecisionInterval_s = y.Value(v, f, QuantityKind.Time, 0, 3600, minExclusive: true) };
                    break;
                case "horizon":
                    spec = spec with { Horizon_s = y.Value(v, f, QuantityKind.Time, 0, 3600, minExclusive: true) };
                    break;
                case "margin":
                    spec = spec with { Margin_V = y.Value(v, f, QuantityKind.Voltage, -0.1, 0.2) };
                    break;
                case "max_temperature":
                    spec = spec with { MaxTemperature_K = y.Value(v, f, QuantityKind.Temperature, 273.15, 273.15 + 100) };
                    break;
                case "max_current":
                    spec = spec with { MaxCurrent = PositiveCurrent(y, v, f) };
                    break;
                case "resolution":
                    spec = spec with { Resolution = PositiveCurrent(y, v, f) };
                    break;
                case "max_evaluations":
                    spec = spec with { MaxEvaluations = y.Integer(v, f, 2, 64) };
                    break;
                case "voltage_limit":
                    spec = spec with { VoltageLimit_V = VoltageLimit(y, v, f, charger) };
                    break;
            }
        }

        if (spec.Horizon_s < spec.DecisionInterval_s)
        {
            throw y.Error(intervalNode ?? m, $"{field}.horizon", "impossible: the horizon must cover at least one decision interval (else the applied current is never checked to its end)");
        }

        return spec;
    }

    private static List<LimitSpec> ReadLimits(YamlReader<CampaignException> y, YamlNode node, IReadOnlyList<ControllerSpec> controllers)
    {
        var list = new List<LimitSpec>();
        var keys = MetricInfo.All.Select(i => i.Key).ToArray();
        foreach (var (key, _, value, _) in y.Entries(y.Mapping(node, "limits"), "limits", keys))
        {
            var info = MetricInfo.Find(key)!;
            var items = value is YamlSequenceNode seq ? seq.Children : (IList<YamlNode>)[value];
            foreach (var item in items)
            {
                list.Add(ReadLimit(y, item, $"limits.{key}", info, controllers));
            }
        }

        return list;
    }

    private static LimitSpec ReadLimit(YamlReader<CampaignException> y, YamlNode node, string field, MetricInfo info, IReadOnlyList<ControllerSpec> controllers)
    {
        double? min = null, max = null, mmin = null, mmax = null;
        var only = new List<string>();
        var lines = new Dictionary<string, YamlNode>();
        foreach (var (key, _, v, _) in y.Entries(y.Mapping(node, field), field, ["min", "max", "marginal_min", "marginal_max", "controllers"]))
        {
            var f = $"{field}.{key}";
            lines[key] = v;
            if (key == "controllers")
            {
                foreach (var cn in y.Axis(v, f))
                {
                    var n = y.Text(cn, f);
                    if (!controllers.Any(x => x.Name == n))
                    {
                        throw y.Error(cn, f, $"no controller named '{n}'{NameSuggestions.DidYouMean(n, controllers.Select(x => x.Name))}");
                    }

                    only.Add(n);
                }

                continue;
            }

            var q = y.Quantity(v, f, info.Kind);
            if (q.IsCRate)
            {
                throw y.Error(v, f, "a limit takes an absolute value, not a C-rate");
            }

            switch (key)
            {
                case "min": min = q.Value; break;
                case "max": max = q.Value; break;
                case "marginal_min": mmin = q.Value; break;
                default: mmax = q.Value; break;
            }
        }

        YamlNode At(string k) => lines.TryGetValue(k, out var n) ? n : node;
        if (min is null && max is null)
        {
            throw y.Error(node, field, "a limit needs min or max");
        }

        if (min is { } a && max is { } b && a > b)
        {
            throw y.Error(At("max"), $"{field}.max", "impossible limits: max is below min");
        }

        if (mmin is { } c && ((min is { } d && c < d) || (max is { } e && c > e)))
        {
            throw y.Error(At("marginal_min"), $"{field}.marginal_min", "impossible limits: the marginal band must lie inside [min, max]");
        }

        if (mmax is { } g && ((max is { } h && g > h) || (min is { } i && g < i)))
        {
            throw y.Error(At("marginal_max"), $"{field}.marginal_max", "impossible limits: the marginal band must lie inside [min, max]");
        }

        if (mmin is { } j && mmax is { } k && j > k)
        {
            throw y.Error(At("marginal_max"), $"{field}.marginal_max", "impossible limits: marginal_max is below marginal_min");
        }

        if (info.Kind == QuantityKind.Fraction && ((min is { } l && (l < 0 || l > 1)) || (max is { } mm && (mm < 0 || mm > 1))))
        {
            throw y.Error(node, field, "impossible limits: a fraction lies between 0 and 100 %");
        }

        return new LimitSpec(info.Metric, min, max, mmin, mmax, only);
    }
}
