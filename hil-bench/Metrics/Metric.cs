using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>What the bench measures from the plant's ground truth for every scenario.</summary>
public enum Metric
{
    TimeToTarget,
    ChargeThroughput,
    PeakTemperature,
    MaxVoltage,
    MinPlatingOverpotential,
    TimeBelowZeroPlating,
    PlatedLithium,
    DeadLithium,
    PlatedWhileBelowZero,
    FinalSoc,
    TimeRelativeToOracle,
    SocEstimateRmsError,
    SocEstimateMaxError,
    SocIntervalCoverage,
    PlatingEstimateRmsError,
    PlatingIntervalCoverage,
    CoreTemperatureRmsError,
    CoreTemperatureIntervalCoverage,
    PlatingOnsetSoc,
    PressureAlarmSoc,
    VoltageAlarmSoc,
    LliError,
    LliCovered,
    LamNegativeError,
    LamNegativeCovered,
    LamPositiveError,
    LamPositiveCovered,
    ResistanceGrowthError,
    ResistanceGrowthCovered,
    FaultOnsetTime,
    FaultDetectionTime,
    FaultSafeStateTime,
    FaultReactionTime,
    FaultFttiMargin,
    FalseAlarms,
    FalseAlarmRate,
    WatchedTime,
}

/// <summary>A metric's name in files, its kind (the units a limit may use) and how it is displayed.</summary>
public sealed record MetricInfo(Metric Metric, string Key, string Title, QuantityKind Kind, string DisplayUnit, double DisplayScale, double DisplayOffset, string Format)
{
    /// <summary>The value (base units) in display units.</summary>
    public double Display(double value) => value * DisplayScale + DisplayOffset;

    public string Column => DisplayUnit.Length == 0 ? Key : $"{Key}_{DisplayUnit.Replace("°", "", StringComparison.Ordinal).Replace("%", "pct", StringComparison.Ordinal)}";

    public static IReadOnlyList<MetricInfo> All { get; } =
    [
        new(Metric.TimeToTarget, "time_to_target", "time to target SOC", QuantityKind.Time, "min", 1 / 60.0, 0, "F1"),
        new(Metric.ChargeThroughput, "charge_throughput", "charge throughput", QuantityKind.Charge, "Ah", 1, 0, "F3"),
        new(Metric.PeakTemperature, "peak_temperature", "peak temperature", QuantityKind.Temperature, "°C", 1, -273.15, "F1"),
        new(Metric.MaxVoltage, "max_voltage", "max terminal voltage", QuantityKind.Voltage, "V", 1, 0, "F4"),
        new(Metric.MinPlatingOverpotential, "min_plating_overpotential", "min true plating overpotential", QuantityKind.Voltage, "mV", 1000, 0, "F1"),
        new(Metric.TimeBelowZeroPlating, "time_below_zero_plating", "time with plating overpotential < 0 V", QuantityKind.Time, "s", 1, 0, "F0"),
        new(Metric.PlatedLithium, "plated_lithium", "plated lithium formed (reversible deposit)", QuantityKind.Charge, "mAh", 1000, 0, "F3"),
        new(Metric.DeadLithium, "dead_lithium", "dead lithium formed", QuantityKind.Charge, "mAh", 1000, 0, "F4"),
        new(Metric.PlatedWhileBelowZero, "plated_below_zero", "lithium plated while overpotential < 0 V", QuantityKind.Charge, "mAh", 1000, 0, "F3"),
        new(Metric.FinalSoc, "final_soc", "final true SOC", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.TimeRelativeToOracle, "time_vs_oracle", "time to target / oracle's", QuantityKind.Number, "", 1, 0, "F2"),
        new(Metric.SocEstimateRmsError, "soc_rms_error", "SOC estimate RMS error", QuantityKind.Fraction, "%", 100, 0, "F2"),
        new(Metric.SocEstimateMaxError, "soc_max_error", "SOC estimate max |error|", QuantityKind.Fraction, "%", 100, 0, "F2"),
        new(Metric.SocIntervalCoverage, "soc_coverage", "SOC ±kσ interval coverage", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.PlatingEstimateRmsError, "eta_rms_error", "plating overpotential estimate RMS error (after 60 s)", QuantityKind.Voltage, "mV", 1000, 0, "F1"),
        new(Metric.PlatingIntervalCoverage, "eta_coverage", "plating overpotential ±kσ coverage (after 60 s)", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.CoreTemperatureRmsError, "core_temperature_rms_error", "core temperature estimate RMS error (after 60 s)", QuantityKind.TemperatureDifference, "K", 1, 0, "F2"),
        new(Metric.CoreTemperatureIntervalCoverage, "core_temperature_coverage", "core temperature ±kσ coverage (after 60 s)", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.PlatingOnsetSoc, "plating_onset_soc", "true SOC when η_Li first fell below 0 V", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.PressureAlarmSoc, "pressure_alarm_soc", "true SOC at the dP/dQ detector's alarm", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.VoltageAlarmSoc, "voltage_alarm_soc", "true SOC at the voltage-only detector's alarm", QuantityKind.Fraction, "%", 100, 0, "F1"),
        new(Metric.LliError, "lli_error", "LLI estimate − truth at the end", QuantityKind.Fraction, "%", 100, 0, "F2"),
        new(Metric.LliCovered, "lli_covered", "LLI ±kσ holds the truth at the end (1/0)", QuantityKind.Number, "", 1, 0, "F0"),
        new(Metric.LamNegativeError, "lam_neg_error", "LAM (negative) estimate − truth at the end", QuantityKind.Fraction, "%", 100, 0, "F2"),
        new(Metric.LamNegativeCovered, "lam_neg_covered", "LAM (negative) ±kσ holds the truth at the end (1/0)", QuantityKind.Number, "", 1, 0, "F0"),
        new(Metric.LamPositiveError, "lam_pos_error", "LAM (positive) estimate − truth at the end", QuantityKind.Fraction, "%", 100, 0, "F2"),
        new(Metric.LamPositiveCovered, "lam_pos_covered", "LAM (positive) ±kσ holds the truth at the end (1/0)", QuantityKind.Number, "", 1, 0, "F0"),
        new(Metric.ResistanceGrowthError, "resistance_growth_error", "resistance growth estimate − truth at the end", QuantityKind.Resistance, "mOhm", 1000, 0, "F2"),
        new(Metric.ResistanceGrowthCovered, "resistance_growth_covered", "resistance growth ±kσ holds the truth at the end (1/0)", QuantityKind.Number, "", 1, 0, "F0"),
        new(Metric.FaultOnsetTime, "fault_onset", "charge time at which the first injected fault began", QuantityKind.Time, "s", 1, 0, "F2"),
        new(Metric.FaultDetectionTime, "fault_detection_time", "first non-nominal safety verdict after the fault's onset", QuantityKind.Time, "ms", 1000, 0, "F0"),
        new(Metric.FaultSafeStateTime, "fault_safe_state_time", "charger current below C/20 after the fault's onset", QuantityKind.Time, "ms", 1000, 0, "F0"),
        new(Metric.FaultReactionTime, "fault_reaction_time", "the detecting row's reaction in force after the fault's onset: charger current below C/20 for a stop, at or below the derate current for a derate", QuantityKind.Time, "ms", 1000, 0, "F0"),
        new(Metric.FaultFttiMargin, "fault_ftti_margin", "the detecting row's FTTI minus the reaction time (negative or −∞: missed)", QuantityKind.Time, "ms", 1000, 0, "F0"),
        new(Metric.FalseAlarms, "false_alarms", "non-nominal safety verdicts in a fault-free scenario", QuantityKind.Number, "", 1, 0, "F0"),
        new(Metric.FalseAlarmRate, "false_alarm_rate", "false alarms per hour of charge", QuantityKind.Number, "per_h", 1, 0, "F2"),
        new(Metric.WatchedTime, "watched_time", "charge time over which the safety verdict was read", QuantityKind.Time, "h", 1 / 3600.0, 0, "F3"),
    ];

    /// <summary>The metrics of fault injection: summary.csv has their columns only when a scenario has a fault.</summary>
    public static bool IsFaultMetric(Metric m) => m >= Metric.FaultOnsetTime;

    public static MetricInfo Of(Metric m) => All[(int)m];

    public static MetricInfo? Find(string key) => All.FirstOrDefault(i => i.Key == key);
}
