using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>One limit applied to one scenario's metric.</summary>
public sealed record MeasurementResult(string Name, LimitSpec? Limit, double Value, MeasurementOutcome Outcome, string Text);

/// <summary>A scenario with its metrics (including the comparison with the oracle), measurements and verdict.</summary>
public sealed record ScenarioVerdict(ScenarioResult Result, double[] Metrics, IReadOnlyList<MeasurementResult> Measurements, Verdict Verdict, bool Marginal)
{
    public Scenario Scenario => Result.Scenario;

    public double this[Metric m] => Metrics[(int)m];

    /// <summary>Worst first: verdict, then (among passes) marginal ones, then campaign order.</summary>
    public static int WorstFirst(ScenarioVerdict a, ScenarioVerdict b)
    {
        var c = b.Verdict.CompareTo(a.Verdict);
        if (c == 0 && a.Verdict == Verdict.Pass)
        {
            c = b.Marginal.CompareTo(a.Marginal);
        }

        return c != 0 ? c : a.Scenario.Index.CompareTo(b.Scenario.Index);
    }
}
