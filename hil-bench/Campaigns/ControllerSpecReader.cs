using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.Controller.Twin;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Reads a campaign's controllers by type (cccv, multistage-cc, pressure-cc, oracle, twin; external: a separate process, in real-time HIL), each checked against the charger's ratings.</summary>
internal sealed class ControllerSpecReader(YamlReader<CampaignException> y, ChargerSpec charger)
{
    public List<ControllerSpec> Read(YamlNode node)
    {
        var list = new List<ControllerSpec>();
        foreach (var (name, keyNode, value, _) in y.Entries(y.Mapping(node, "controllers"), "controllers", []))
        {
            var field = $"controllers.{name}";
            var m = y.Mapping(value, field);
            var typeNode = YamlScalars.Find(m, "type")
                ?? throw y.Error(keyNode, $"{field}.type", "required key is missing (cccv, multistage-cc, pressure-cc, oracle, twin or external)");
            var type = y.Text(typeNode, $"{field}.type");
            list.Add(type switch
            {
                "cccv" => ReadCcCv(m, name, field),
                "multistage-cc" => ReadMultiStage(m, name, field),
                "pressure-cc" => ReadPressure(m, name, field),
                "oracle" => ReadOracle(m, name, field),
                "twin" => ReadTwin(m, name, field),
                "external" => ReadExternal(m, name, field),
                _ => throw y.Error(typeNode, $"{field}.type", $"'{type}': expected cccv, multistage-cc, pressure-cc, oracle, twin or external"),
            });
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "controllers", "no controllers to compare");
        }

        return list;
    }

    private double VoltageLimit(YamlNode v, string field)
    {
        var limit = y.Value(v, field, QuantityKind.Voltage, 2, 5, minExclusive: true);
        if (limit > charger.MaxVoltage_V + 1e-12)
        {
            throw y.Error(v, field, $"impossible: {limit:0.###} V is above the charger's max_voltage {charger.MaxVoltage_V:0.###} V");
        }

        return limit;
    }

    private CcCvSpec ReadCcCv(YamlMappingNode m, string name, string field)
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

    private MultiStageCcSpec ReadMultiStage(YamlMappingNode m, string name, string field)
    {
        var stages = new List<CcStage>();
        var voltage = charger.MaxVoltage_V;
        var sawStages = false;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["type", "stages", "voltage_limit"]))
        {
            var f = $"{field}.{key}";
            if (key == "voltage_limit")
            {
                voltage = VoltageLimit(v, f);
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
                            rate = y.PositiveCurrent(sv, $"{f}.rate");
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

    private PressureTriggeredSpec ReadPressure(YamlMappingNode m, string name, string field)
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
                        rates.Add(y.PositiveCurrent(r, f));
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
                    voltage = VoltageLimit(v, f);
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

    private OracleSpec ReadOracle(YamlMappingNode m, string name, string field)
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
                    spec = spec with { MaxCurrent = y.PositiveCurrent(v, f) };
                    break;
                case "resolution":
                    spec = spec with { Resolution = y.PositiveCurrent(v, f) };
                    break;
                case "max_evaluations":
                    spec = spec with { MaxEvaluations = y.Integer(v, f, 2, 64) };
                    break;
                case "voltage_limit":
                    spec = spec with { VoltageLimit_V = VoltageLimit(v, f) };
                    break;
            }
        }

        if (spec.Horizon_s < spec.DecisionInterval_s)
        {
            throw y.Error(intervalNode ?? m, $"{field}.horizon", "impossible: the horizon must cover at least one decision interval (else the applied current is never checked to its end)");
        }

        return spec;
    }

    private TwinSpec ReadTwin(YamlMappingNode m, string name, string field)
    {
        var spec = new TwinSpec(name) { MaxCurrent = charger.MaxCurrent, VoltageLimit_V = charger.MaxVoltage_V };
        foreach (var (key, _, v, _) in y.Entries(m, field, ["type", "k", "min_plating_overpotential", "max_temperature", "voltage_limit", "max_current", "ramp", "horizon", "horizon_steps", "resolution", "max_evaluations", "evidence_margin", "evidence_relaxation", "pressure_sensor_lag", "fixed_current"]))
        {
            var f = $"{field}.{key}";
            spec = key switch
            {
                "k" => spec with { K = y.Value(v, f, QuantityKind.Number, 0, 10) },
                "min_plating_overpotential" => spec with { MinPlatingOverpotential_V = y.Value(v, f, QuantityKind.Voltage, -0.1, 0.2) },
                "max_temperature" => spec with { MaxTemperature_K = y.Value(v, f, QuantityKind.Temperature, 273.15, 273.15 + 100) },
                "voltage_limit" => spec with { VoltageLimit_V = VoltageLimit(v, f) },
                "max_current" => spec with { MaxCurrent = y.PositiveCurrent(v, f) },
                "ramp" => spec with { Ramp = PositiveSlew(v, f) },
                "horizon" => spec with { Horizon_s = y.Value(v, f, QuantityKind.Time, 0, 3600, minExclusive: true) },
                "horizon_steps" => spec with { HorizonSteps = y.Integer(v, f, 1, 600) },
                "resolution" => spec with { Resolution = y.PositiveCurrent(v, f) },
                "max_evaluations" => spec with { MaxEvaluations = y.Integer(v, f, 2, 64) },
                "evidence_margin" => spec with { EvidenceMargin_V = y.Value(v, f, QuantityKind.Voltage, 0, 0.2) },
                "fixed_current" => spec with { FixedCurrent = y.PositiveCurrent(v, f) },
                "pressure_sensor_lag" => spec with { PressureSensorLag_s = y.Value(v, f, QuantityKind.Time, 0, 600) },
                "evidence_relaxation" => spec with { EvidenceRelaxation_s = y.Value(v, f, QuantityKind.Time, 0, 86400, minExclusive: true) },
                _ => spec,
            };
        }

        return spec;
    }

    /// <summary>A separate process: nothing to configure here (its own config file says how it charges).</summary>
    private ExternalControllerSpec ReadExternal(YamlMappingNode m, string name, string field)
    {
        foreach (var _ in y.Entries(m, field, ["type"]))
        {
        }

        return new ExternalControllerSpec(name);
    }

    private Quantity PositiveSlew(YamlNode v, string field)
    {
        var q = y.Quantity(v, field, QuantityKind.SlewRate);
        return q.Value > 0 ? q : throw y.Error(v, field, $"'{y.Text(v, field)}': impossible, the ramp must be positive");
    }
}
