using System.Globalization;
using System.Text;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// summary.csv: one row per scenario in campaign (index) order, metrics in display units (column names carry
/// them). It holds nothing that depends on the machine or the number of threads (no wall-clock times), so the
/// same campaign and seed give the same file byte for byte.
/// </summary>
public static class SummaryCsvWriter
{
    public static void Write(string path, IReadOnlyList<ScenarioVerdict> verdicts, LinkKind linkKind)
    {
        var link = linkKind.ToString().ToLowerInvariant();
        var sb = new StringBuilder();

        // A campaign without injected faults and without a safety monitor keeps its columns (and its file, byte for
        // byte) as before faults existed; one with a monitor shows its false alarms.
        var faulted = verdicts.Any(v => v.Scenario.AllFaults.Count > 0);
        var watched = faulted || verdicts.Any(v => !double.IsNaN(v.Result.Metrics[(int)Metric.WatchedTime]));
        var metrics = MetricInfo.All.Where(i => watched || !MetricInfo.IsFaultMetric(i.Metric)).ToList();
        sb.Append("index,id,condition_id,cell,ageing,ambient_C,start_soc_pct,target_soc_pct,discharge,sensors,")
            .Append(faulted ? "faults," : "")
            .Append("controller,controller_type,verdict,marginal,end,link,frames_sent,e2e_errors,timeouts,lost_frames,range_errors");
        foreach (var info in metrics)
        {
            sb.Append(',').Append(info.Column);
        }

        sb.Append(faulted ? ",detecting_row" : "");

        var spread = SpreadColumns.For(verdicts.Select(v => v.Scenario));
        sb.Append(",failed_checks").Append(spread?.Header()).Append('\n');
        foreach (var v in verdicts.OrderBy(v => v.Scenario.Index))
        {
            var s = v.Scenario;
            var w = v.Result.Wire;
            sb.Append(CultureInfo.InvariantCulture, $"{s.Index},{s.Id},{s.ConditionId},{Csv(s.CellName)},{Csv(s.Ageing.Name)},{N(s.Ambient_K - 273.15)},{N(s.StartSoc * 100)},{N(s.TargetSoc * 100)},{Csv(s.Discharge.Name)},{Csv(s.Sensors.Name)},{(faulted ? Csv(s.Faults.Name) + "," : "")}{Csv(s.Controller.Name)},{s.Controller.Type},{Verdicts.Text(v.Verdict)},{(v.Marginal ? "yes" : "no")},{v.Result.End},{link},{w.FramesSent},{w.E2EErrors},{w.Timeouts},{w.LostFrames},{w.RangeErrors}");
            foreach (var info in metrics)
            {
                sb.Append(',').Append(N(info.Display(v.Metrics[(int)info.Metric])));
            }

            sb.Append(faulted ? "," + Csv(v.Result.DetectingRow) : "");

            sb.Append(',').Append(Csv(string.Join("; ", v.Measurements.Where(m => m.Outcome == MeasurementOutcome.Fail).Select(m => m.Name)))).Append(spread?.Row(s)).Append('\n');
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    internal static string N(double v) => double.IsNaN(v) ? "" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("G9", CultureInfo.InvariantCulture);

    internal static string Csv(string text) => text.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
