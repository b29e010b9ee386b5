namespace ChargeTwin.HilBench.Metrics;

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
