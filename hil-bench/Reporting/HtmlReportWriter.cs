using System.Globalization;
using System.Net;
using System.Text;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// report.html: one self-contained page (CSS inline) with relative links to each scenario's PNG figure and
/// Parquet trace: run facts, verdict counts, a per-controller table, the summary table worst-first, and one
/// section per scenario with its checks and figure.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly Metric[] TableMetrics =
    [
        Metric.TimeToTarget, Metric.TimeRelativeToOracle, Metric.MinPlatingOverpotential, Metric.TimeBelowZeroPlating,
        Metric.PlatedWhileBelowZero, Metric.PlatedLithium, Metric.DeadLithium, Metric.PeakTemperature, Metric.MaxVoltage,
        Metric.ChargeThroughput, Metric.FinalSoc, Metric.SocEstimateRmsError, Metric.SocIntervalCoverage,
    ];

    public static void Write(string path, Campaign campaign, IReadOnlyList<ScenarioVerdict> verdicts, ReportRunInfo run, Func<ScenarioVerdict, string?> figure, Func<ScenarioVerdict, string?> trace)
    {
        var sorted = verdicts.ToList();
        sorted.Sort(ScenarioVerdict.WorstFirst);
        var h = new StringBuilder();
        Head(h, campaign);
        RunTable(h, campaign, verdicts, run);
        ControllerTable(h, campaign, verdicts);
        SummaryTable(h, campaign, sorted);
        FaultReactionTable.Write(h, verdicts);
        SessionSection(h, verdicts);
        foreach (var v in sorted)
        {
            ScenarioSection(h, campaign, v, figure(v), trace(v));
        }

        Tail(h);
        File.WriteAllText(path, h.ToString(), new UTF8Encoding(false));
    }

    private static void Head(StringBuilder h, Campaign campaign)
    {
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E($"Campaign {campaign.Name}")).Append("</title>\n");
        h.Append("""
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em 0;font-size:0.85em}
            th,td{border:1px solid #bbb;padding:3px 6px;text-align:right}
            th{background:#eee} td.l,th.l{text-align:left}
            .PASS{background:#d4f4d4} .FAIL{background:#f8c8c8} .INCONCLUSIVE{background:#f4f0c0} .ABORTED{background:#f4d8b0} .ERROR{background:#e0b0f0}
            .marginal{background:#fff2b3}
            img{max-width:100%;border:1px solid #ccc}
            section{margin-top:2em;border-top:2px solid #888}
            </style></head><body>
            """);
        h.Append("<h1>").Append(E($"Campaign {campaign.Name}")).Append("</h1>\n");
        if (campaign.Description.Length > 0)
        {
            h.Append("<p>").Append(E(campaign.Description)).Append("</p>\n");
        }
    }

    /// <summary>The run's facts: file, seed, counts, timing, the link and what crossed it, the plant, the oracle.</summary>
    private static void RunTable(StringBuilder h, Campaign campaign, IReadOnlyList<ScenarioVerdict> verdicts, ReportRunInfo run)
    {
        var counts = Enum.GetValues<Verdict>().Select(v => (v, n: verdicts.Count(x => x.Verdict == v))).Where(x => x.n > 0).ToList();
        h.Append("<table id=\"run\"><tbody>\n");
        Row(h, "file", campaign.SourcePath);
        Row(h, "seed", campaign.Seed.ToString(CultureInfo.InvariantCulture));
        Row(h, "scenarios", run.ShardText.Length == 0 ? $"{run.ScenarioCount}" : $"{run.ScenarioCount} of {run.TotalScenarios} ({run.ShardText})");
        Row(h, "verdicts", string.Join(", ", counts.Select(c => $"{Verdicts.Text(c.v)} {c.n}")) + (verdicts.Any(v => v.Marginal) ? $" ({verdicts.Count(v => v.Marginal)} marginal)" : ""));
        Row(h, "run", run.Elapsed_s > 0 ? F($"{run.Elapsed_s:0.0} s with {run.Jobs} jobs: {run.ScenariosPerSecond:0.00} scenarios/s") : "merged from shards");
        Row(h, "control period", F($"{campaign.Period_s:0.###} s (virtual clock)"));
        Row(h, "link", LinkText(campaign.Link));
        if (campaign.Link == LinkKind.Can)
        {
            var total = verdicts.Aggregate(LinkStatistics.None, (a, v) => a + v.Result.Wire);
            Row(h, "frames", WireText(total));
        }

        Row(h, "plant", $"DFN, {campaign.Plant.Volumes} volumes per domain, {campaign.Plant.Shells} shells per particle, {campaign.Plant.Thermal} thermal, {campaign.Plant.Plating} plating, SEI {campaign.Plant.Sei}");
        foreach (var o in campaign.Controllers.OfType<OracleSpec>())
        {
            Row(h, $"oracle '{o.Name}'", F($"decides every {o.DecisionInterval_s:0.#} s over a {o.Horizon_s:0.#} s horizon on forked true plants; η_Li ≥ {o.Margin_V * 1000:0.#} mV, T ≤ {o.MaxTemperature_K - 273.15:0.#} °C; current resolution {o.Resolution.Value:0.###}{(o.Resolution.IsCRate ? "C" : " A")}, ≤ {o.MaxEvaluations} forked runs per decision"));
        }

        Row(h, "SOC intervals", F($"±{campaign.CoverageK:0.##}σ"));
        h.Append("<tr><th class=\"l\">files</th><td class=\"l\"><a href=\"summary.csv\">summary.csv</a> · <a href=\"junit.xml\">junit.xml</a> · <a href=\"results.json\">results.json</a> · <a href=\"campaign.yaml\">campaign.yaml</a></td></tr>\n");
        h.Append("</tbody></table>\n");
    }

    /// <summary>How the controller met the bench, in words.</summary>
    public static string LinkText(LinkKind link) => link == LinkKind.Can
        ? "can: measurements, power-stage status and heartbeats to the controller and PS_Setpoint back as the frames of firmware-interface/can-protocol/chargetwin.dbc on an in-memory CAN bus at the virtual clock, E2E supervised on both sides (10 ms bus tick; the power stage turns its output off after 60 ms without a valid setpoint)"
        : "direct: measurements and setpoints passed as numbers once per control period (no wire)";

    /// <summary>A link's frame counts in one line.</summary>
    public static string WireText(LinkStatistics w) => F(
        $"{w.FramesSent} sent, {w.FramesAccepted} accepted; E2E errors {w.E2EErrors}, timeouts {w.Timeouts}, lost frames {w.LostFrames}, values out of DBC range {w.RangeErrors}");

    private static void ControllerTable(StringBuilder h, Campaign campaign, IReadOnlyList<ScenarioVerdict> verdicts)
    {
        h.Append("<h2>Controllers</h2>\n<table id=\"controllers\"><thead><tr><th class=\"l\">controller</th><th class=\"l\">type</th><th>scenarios</th><th>pass</th><th>fail / worse</th><th>mean time to target</th><th>min plating η</th><th>time η &lt; 0</th><th>plated while η &lt; 0</th></tr></thead><tbody>\n");
        foreach (var c in campaign.Controllers)
        {
            var mine = verdicts.Where(v => v.Scenario.Controller.Name == c.Name).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var times = mine.Select(v => v[Metric.TimeToTarget]).Where(double.IsFinite).ToList();
            h.Append("<tr><td class=\"l\">").Append(E(c.Name)).Append("</td><td class=\"l\">").Append(E(c.Type)).Append("</td>")
                .Append(Td(mine.Count.ToString(CultureInfo.InvariantCulture)))
                .Append(Td(mine.Count(v => v.Verdict == Verdict.Pass).ToString(CultureInfo.InvariantCulture)))
                .Append(Td(mine.Count(v => v.Verdict >= Verdict.Fail).ToString(CultureInfo.InvariantCulture)))
                .Append(Td(times.Count > 0 ? CampaignEvaluation.Format(MetricInfo.Of(Metric.TimeToTarget), times.Average()) : "–"))
                .Append(Td(CampaignEvaluation.Format(MetricInfo.Of(Metric.MinPlatingOverpotential), mine.Min(v => v[Metric.MinPlatingOverpotential]))))
                .Append(Td(CampaignEvaluation.Format(MetricInfo.Of(Metric.TimeBelowZeroPlating), mine.Sum(v => v[Metric.TimeBelowZeroPlating]))))
                .Append(Td(CampaignEvaluation.Format(MetricInfo.Of(Metric.PlatedWhileBelowZero), mine.Sum(v => v[Metric.PlatedWhileBelowZero]))))
                .Append("</tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static void SummaryTable(StringBuilder h, Campaign campaign, IReadOnlyList<ScenarioVerdict> sorted)
    {
        var wire = campaign.Link == LinkKind.Can;
        h.Append("<h2>Scenarios, worst first</h2>\n<table id=\"summary\"><thead><tr><th>#</th><th class=\"l\">verdict</th><th class=\"l\">cell</th><th class=\"l\">ageing</th><th>ambient</th><th>SOC</th><th class=\"l\">discharge</th><th class=\"l\">sensors</th><th class=\"l\">controller</th>");
        foreach (var m in TableMetrics)
        {
            var info = MetricInfo.Of(m);
            h.Append("<th>").Append(E(info.Title)).Append(info.DisplayUnit.Length > 0 ? E($" [{info.DisplayUnit}]") : "").Append("</th>");
        }

        if (wire)
        {
            h.Append("<th>frames sent</th><th>E2E errors</th><th>timeouts</th>");
        }

        h.Append("<th class=\"l\">failed checks</th></tr></thead><tbody>\n");
        foreach (var v in sorted)
        {
            var s = v.Scenario;
            var verdict = Verdicts.Text(v.Verdict);
            h.Append("<tr><td>").Append(s.Index).Append("</td><td class=\"l ").Append(verdict).Append("\"><a href=\"#s-").Append(s.Id).Append("\">").Append(verdict).Append(v.Marginal ? " (marginal)" : "").Append("</a></td>")
                .Append("<td class=\"l\">").Append(E(s.CellName)).Append("</td><td class=\"l\">").Append(E(s.Ageing.Name)).Append("</td>")
                .Append(Td(F($"{s.Ambient_K - 273.15:0.#} °C"))).Append(Td(F($"{s.StartSoc * 100:0}→{s.TargetSoc * 100:0} %")))
                .Append("<td class=\"l\">").Append(E(s.Discharge.Name)).Append("</td><td class=\"l\">").Append(E(s.Sensors.Name)).Append("</td><td class=\"l\">").Append(E(s.Controller.Name)).Append("</td>");
            foreach (var m in TableMetrics)
            {
                MetricCell(h, v, m);
            }

            if (wire)
            {
                h.Append(Td(F($"{v.Result.Wire.FramesSent}"))).Append(Td(F($"{v.Result.Wire.E2EErrors}"))).Append(Td(F($"{v.Result.Wire.Timeouts}")));
            }

            h.Append("<td class=\"l\">").Append(E(string.Join("; ", v.Measurements.Where(m => m.Outcome == MeasurementOutcome.Fail).Select(m => m.Name)))).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static void MetricCell(StringBuilder h, ScenarioVerdict v, Metric m)
    {
        var info = MetricInfo.Of(m);
        var value = v[m];
        var outcome = v.Measurements.Where(x => x.Limit?.Metric == m).Select(x => x.Outcome).DefaultIfEmpty(MeasurementOutcome.Pass).Max();
        var cls = outcome == MeasurementOutcome.Fail ? " class=\"FAIL\"" : outcome == MeasurementOutcome.Marginal ? " class=\"marginal\"" : "";
        var text = double.IsNaN(value) ? "–" : double.IsPositiveInfinity(value) ? "not reached" : info.Display(value).ToString(info.Format, CultureInfo.InvariantCulture);
        h.Append("<td").Append(cls).Append('>').Append(E(text)).Append("</td>");
    }

    /// <summary>The charging session's state machine, when a scenario ran it (the twin runs inside it): diagram and transitions.</summary>
    private static void SessionSection(StringBuilder h, IReadOnlyList<ScenarioVerdict> verdicts)
    {
        if (!verdicts.Any(v => v.Scenario.Controller is Controller.Twin.TwinSpec))
        {
            return;
        }

        h.Append("<h2>Charging session</h2>\n<p>The twin runs inside the charging session (controller/Session, Stateless), with the safety monitor in its CAN link. The machine as configured — states and transitions read from it, the same source as controller/Session/charging-session.dot; dashed: transitions of the Charging superstate, from any of its states:</p>\n");
        h.Append(SessionDiagramSvg.Svg());
        h.Append("<table id=\"session-transitions\"><thead><tr><th class=\"l\">from</th><th class=\"l\">trigger</th><th class=\"l\">guard</th><th class=\"l\">to</th></tr></thead><tbody>\n");
        foreach (var t in SessionDiagramSvg.TransitionRows())
        {
            h.Append("<tr><td class=\"l\">").Append(E(t.From.ToString())).Append("</td><td class=\"l\">").Append(E(t.Trigger)).Append("</td><td class=\"l\">").Append(E(t.Guard)).Append("</td><td class=\"l\">").Append(E(t.To.ToString())).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static void ScenarioSection(StringBuilder h, Campaign campaign, ScenarioVerdict v, string? png, string? parquet)
    {
        var s = v.Scenario;
        h.Append("<section id=\"s-").Append(s.Id).Append("\"><h3>").Append(E($"#{s.Index} {s.Describe()} — {Verdicts.Text(v.Verdict)}{(v.Marginal ? " (marginal)" : "")}")).Append("</h3>\n");
        h.Append("<p>").Append(E(F($"id {s.Id}, seed {s.Seed}; {v.Result.Detail}; {v.Result.SolverSteps} solver steps{(v.Result.OracleEvaluations > 0 ? $", {v.Result.OracleEvaluations} forked-plant runs" : "")}"))).Append("</p>\n");
        if (campaign.Link == LinkKind.Can)
        {
            h.Append("<p class=\"wire\">").Append(E($"link can: {WireText(v.Result.Wire)}")).Append("</p>\n");
        }

        h.Append("<table class=\"checks\"><thead><tr><th class=\"l\">check</th><th class=\"l\">result</th><th class=\"l\">detail</th></tr></thead><tbody>\n");
        foreach (var m in v.Measurements)
        {
            var cls = m.Outcome switch
            {
                MeasurementOutcome.Fail => "FAIL",
                MeasurementOutcome.Marginal => "marginal",
                MeasurementOutcome.NotMeasured => "INCONCLUSIVE",
                _ => "PASS",
            };
            h.Append("<tr><td class=\"l\">").Append(E(m.Name)).Append("</td><td class=\"l ").Append(cls).Append("\">").Append(m.Outcome).Append("</td><td class=\"l\">").Append(E(m.Text)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
        if (png is not null)
        {
            h.Append("<img src=\"").Append(E(png)).Append("\" alt=\"").Append(E($"figure of scenario {s.Id}")).Append("\" class=\"figure\">\n");
        }

        if (parquet is not null)
        {
            h.Append("<p><a href=\"").Append(E(parquet)).Append("\">trace (Parquet)</a></p>\n");
        }

        h.Append("</section>\n");
    }

    /// <summary>Lets a headless browser (and a reader) see at a glance that every figure loaded.</summary>
    private static void Tail(StringBuilder h)
    {
        h.Append("<p id=\"render-check\">figures: not checked (scripts off)</p>\n<script>window.addEventListener('load',function(){var i=document.querySelectorAll('img.figure'),n=0;i.forEach(function(x){if(x.complete&&x.naturalWidth>0)n++;});var p=document.getElementById('render-check');p.dataset.loaded=n;p.dataset.total=i.length;p.textContent='figures: '+n+' of '+i.length+' loaded';});</script>\n");
        h.Append("</body></html>\n");
    }

    private static void Row(StringBuilder h, string name, string value) =>
        h.Append("<tr><th class=\"l\">").Append(E(name)).Append("</th><td class=\"l\">").Append(E(value)).Append("</td></tr>\n");

    private static string Td(string text) => $"<td>{E(text)}</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
