using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// Turns results into verdicts: time relative to the oracle of the same conditions (when the oracle's run is
/// among the results), every applicable limit as a measurement, and the implicit checks that the run completed
/// (else Error or Aborted) and reached its target SOC (else Fail). Worst verdict wins.
/// </summary>
public static class CampaignEvaluation
{
    public static IReadOnlyList<ScenarioVerdict> Evaluate(Campaign campaign, IReadOnlyList<ScenarioResult> results)
    {
        var oracleTimes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in results.OrderBy(r => r.Scenario.Index))
        {
            if (r.Scenario.Controller is OracleSpec && r.End == ScenarioEnd.ReachedTarget && !oracleTimes.ContainsKey(r.Scenario.ConditionId))
            {
                oracleTimes[r.Scenario.ConditionId] = r[Metric.TimeToTarget];
            }
        }

        var list = new List<ScenarioVerdict>(results.Count);
        foreach (var r in results)
        {
            var metrics = (double[])r.Metrics.Clone();
            metrics[(int)Metric.TimeRelativeToOracle] = oracleTimes.TryGetValue(r.Scenario.ConditionId, out var to) && to > 0
                ? r[Metric.TimeToTarget] / to
                : double.NaN;
            list.Add(Judge(campaign, r, metrics));
        }

        return list;
    }

    private static ScenarioVerdict Judge(Campaign campaign, ScenarioResult r, double[] metrics)
    {
        var measurements = new List<MeasurementResult>();
        var verdict = Verdict.Pass;
        var marginal = false;
        switch (r.End)
        {
            case ScenarioEnd.Error:
                measurements.Add(new MeasurementResult("run completed", null, double.NaN, MeasurementOutcome.Fail, r.Detail));
                return new ScenarioVerdict(r, metrics, measurements, Verdict.Error, false);
            case ScenarioEnd.Aborted:
                measurements.Add(new MeasurementResult("run completed", null, double.NaN, MeasurementOutcome.Fail, r.Detail));
                verdict = Verdict.Aborted;
                break;
            case var _ when r.Scenario.AllFaults.Count > 0:
                // A scenario with a fault is judged by its limits (detection, safe state …), not by reaching its target.
                measurements.Add(new MeasurementResult("run completed", null, double.NaN, MeasurementOutcome.Pass, r.Detail));
                break;
            default:
                var reached = r.End == ScenarioEnd.ReachedTarget;
                measurements.Add(new MeasurementResult("reached target SOC", null, metrics[(int)Metric.FinalSoc], reached ? MeasurementOutcome.Pass : MeasurementOutcome.Fail, r.Detail));
                if (!reached)
                {
                    verdict = Verdict.Fail;
                }

                break;
        }

        foreach (var limit in campaign.Limits)
        {
            if (!limit.AppliesTo(r.Scenario.Controller.Name))
            {
                continue;
            }

            var info = MetricInfo.Of(limit.Metric);
            var value = metrics[(int)limit.Metric];
            var outcome = limit.Evaluate(value);
            var shown = double.IsNaN(value) ? "not measured" : double.IsPositiveInfinity(value) ? "not reached" : Format(info, value);
            measurements.Add(new MeasurementResult(info.Key, limit, value, outcome, $"{info.Title}: {shown} (limit {limit.Describe()})"));
            if (outcome == MeasurementOutcome.Fail)
            {
                verdict = Verdicts.Worst(verdict, Verdict.Fail);
            }

            marginal |= outcome == MeasurementOutcome.Marginal;
        }

        return new ScenarioVerdict(r, metrics, measurements, verdict, marginal);
    }

    /// <summary>A metric's value in its display unit, e.g. "43.8 min".</summary>
    public static string Format(MetricInfo info, double value)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        var text = info.Display(value).ToString(info.Format, System.Globalization.CultureInfo.InvariantCulture);
        return info.DisplayUnit.Length == 0 ? text : $"{text} {info.DisplayUnit}";
    }
}
