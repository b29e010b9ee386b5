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
    ];

    public static MetricInfo Of(Metric m) => All[(int)m];

    public static MetricInfo? Find(string key) => All.FirstOrDefault(i => i.Key == key);
}

/// <summary>
/// Limits of one metric, in base units (OpenHTF style): fail outside [Min, Max]; within them but outside
/// [MarginalMin, MarginalMax] the measurement passes and is flagged marginal. <see cref="Controllers"/>
/// restricts the limit to some controllers (empty = all).
/// </summary>
public sealed record LimitSpec(Metric Metric, double? Min, double? Max, double? MarginalMin, double? MarginalMax, IReadOnlyList<string> Controllers)
{
    public bool AppliesTo(string controller) => Controllers.Count == 0 || Controllers.Contains(controller);

    public MeasurementOutcome Evaluate(double value)
    {
        if (double.IsNaN(value))
        {
            return MeasurementOutcome.NotMeasured;
        }

        if ((Min is { } lo && value < lo) || (Max is { } hi && value > hi))
        {
            return MeasurementOutcome.Fail;
        }

        return (MarginalMin is { } mlo && value < mlo) || (MarginalMax is { } mhi && value > mhi)
            ? MeasurementOutcome.Marginal
            : MeasurementOutcome.Pass;
    }

    public string Describe()
    {
        var info = MetricInfo.Of(Metric);
        string F(double v) => info.Display(v).ToString(info.Format, System.Globalization.CultureInfo.InvariantCulture) + (info.DisplayUnit.Length > 0 ? " " + info.DisplayUnit : "");
        var parts = new List<string>();
        if (Min is { } lo)
        {
            parts.Add($"≥ {F(lo)}");
        }

        if (Max is { } hi)
        {
            parts.Add($"≤ {F(hi)}");
        }

        if (MarginalMin is { } mlo)
        {
            parts.Add($"marginal below {F(mlo)}");
        }

        if (MarginalMax is { } mhi)
        {
            parts.Add($"marginal above {F(mhi)}");
        }

        return string.Join(", ", parts);
    }
}

public enum MeasurementOutcome
{
    Pass,
    Marginal,
    Fail,

    /// <summary>No value (e.g. the target was never reached, or the controller reports no estimate).</summary>
    NotMeasured,
}
