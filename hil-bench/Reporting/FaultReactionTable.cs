using System.Globalization;
using System.Net;
using System.Text;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// The report's fault section: per scenario with an injected fault, what was injected and when (the truth), when the
/// controller's safety verdict first left nominal and by which diagnosis row, and when the charger's current reached
/// its safe state; then the false alarms of the fault-free scenarios. Absent when the campaign injects nothing.
/// </summary>
public static class FaultReactionTable
{
    public static void Write(StringBuilder h, IReadOnlyList<ScenarioVerdict> verdicts)
    {
        var faulted = verdicts.Where(v => v.Scenario.AllFaults.Count > 0).OrderBy(v => v.Scenario.Index).ToList();
        if (faulted.Count == 0)
        {
            return;
        }

        h.Append("<h2>Fault reactions</h2>\n<p>").Append(E(FalseAlarmsText(verdicts))).Append("</p>\n");
        h.Append("<table id=\"faults\"><thead><tr><th>#</th><th class=\"l\">verdict</th><th class=\"l\">ageing</th><th>ambient</th><th class=\"l\">fault set</th><th class=\"l\">injected</th><th class=\"l\">controller</th>")
            .Append("<th>onset [s]</th><th>detection [ms]</th><th>safe state [ms]</th><th class=\"l\">detecting row</th></tr></thead><tbody>\n");
        foreach (var v in faulted)
        {
            var s = v.Scenario;
            var verdict = Verdicts.Text(v.Verdict);
            h.Append("<tr><td>").Append(s.Index).Append("</td><td class=\"l ").Append(verdict).Append("\"><a href=\"#s-").Append(s.Id).Append("\">").Append(verdict).Append("</a></td>")
                .Append("<td class=\"l\">").Append(E(s.Ageing.Name)).Append("</td>")
                .Append("<td>").Append(E(string.Create(CultureInfo.InvariantCulture, $"{s.Ambient_K - 273.15:0.#} °C"))).Append("</td>")
                .Append("<td class=\"l\">").Append(E(s.Faults.Name)).Append("</td>")
                .Append("<td class=\"l\">").Append(E(string.Join("; ", s.AllFaults.Select(f => f.Describe())))).Append("</td>")
                .Append("<td class=\"l\">").Append(E(s.Controller.Name)).Append("</td>");
            foreach (var m in (ReadOnlySpan<Metric>)[Metric.FaultOnsetTime, Metric.FaultDetectionTime, Metric.FaultSafeStateTime])
            {
                var value = v.Metrics[(int)m];
                var text = double.IsNaN(value) ? "–" : double.IsPositiveInfinity(value) ? "not reached" : MetricInfo.Of(m).Display(value).ToString(MetricInfo.Of(m).Format, CultureInfo.InvariantCulture);
                h.Append("<td>").Append(E(text)).Append("</td>");
            }

            h.Append("<td class=\"l\">").Append(E(v.Result.DetectingRow)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    /// <summary>"False alarms (fault-free scenarios): 2 in 3.5 h of charge (0.57 per hour)".</summary>
    public static string FalseAlarmsText(IReadOnlyList<ScenarioVerdict> verdicts)
    {
        var free = verdicts.Where(v => !double.IsNaN(v.Metrics[(int)Metric.FalseAlarms])).ToList();
        if (free.Count == 0)
        {
            return "False alarms: no fault-free scenario in this run.";
        }

        var count = free.Sum(v => v.Metrics[(int)Metric.FalseAlarms]);
        var hours = free.Sum(v => v.Metrics[(int)Metric.WatchedTime]) / 3600;
        var rateText = hours > 0 ? string.Create(CultureInfo.InvariantCulture, $" in {hours:0.##} h of charge ({count / hours:0.##} per hour)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"False alarms (entries into a non-nominal safety verdict in the {free.Count} fault-free scenarios): {count:0}{rateText}.");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
