using System.Globalization;
using System.Net;
using System.Text;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Reporting;
using ScottPlot;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// The calibration report beside the cell file: <c>NAME.report.html</c> and its PNGs in <c>NAME.report/</c> —
/// fitted values ± 2σ, the correlation matrix as a heat map, identifiability notes, error tables before and after,
/// and per test the measured against simulated voltage and temperature before and after fitting, with residuals.
/// </summary>
public static class CalibrationReport
{
    /// <summary>Writes the report for <paramref name="result"/> beside <paramref name="cellPath"/>; returns the HTML path.</summary>
    public static string Write(CalibrationResult result, string cellPath, string commandLine, string provenance)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(cellPath);
        var html = Path.ChangeExtension(cellPath, ".report.html");
        var folderName = Path.GetFileNameWithoutExtension(cellPath) + ".report";
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cellPath)) ?? ".", folderName);
        Directory.CreateDirectory(folder);
        var inv = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        w.AppendLine("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Calibration report</title>");
        w.AppendLine("<style>body{font-family:sans-serif;max-width:1200px;margin:auto}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}td.l,th.l{text-align:left}pre{background:#f4f4f4;padding:6px;white-space:pre-wrap}.bad{color:#b00}</style></head><body>");
        w.AppendLine(CultureInfo.InvariantCulture, $"<h1>Calibration of {Enc(result.FittedSet.Name)}</h1>");
        w.AppendLine(inv, $"<p>Base cell: {Enc(result.BaseSet.Name)} ({Enc(result.BaseSet.Source)}). Fitted on {result.FitTests.Count} test(s), checked on {result.ValidationTests.Count} held-out test(s).</p>");
        w.AppendLine(inv, $"<p class=\"{(result.Converged ? "" : "bad")}\"><b>{(result.Converged ? "Converged" : "NOT CONVERGED")}</b>: {Enc(result.Reason)}; {result.Iterations} iterations, {result.Evaluations} residual evaluations, {result.Elapsed_s:F0} s. Cost ½‖r‖² {result.InitialCost:G5} → {result.Cost:G5}.</p>");
        w.AppendLine(inv, $"<p>Command: <code>{Enc(commandLine)}</code></p>");
        w.AppendLine(inv, $"<p>Weights: σ_V = {result.Settings.Weights.Voltage_V * 1000:G3} mV under current, {result.Settings.Weights.RestVoltage_V * 1000:G3} mV in rests, σ_T = {result.Settings.Weights.Temperature_K:G3} K. Fit mesh {Mesh(result.Settings.FitModel)}; reported errors on {Mesh(result.Settings.ReportModel)}.</p>");

        // parameters
        w.AppendLine("<h2>Fitted parameters</h2><table><tr><th class=\"l\">#</th><th class=\"l\">parameter</th><th>base</th><th>fitted</th><th>± 2σ</th><th>2σ relative</th><th>scale</th><th>bounds</th><th class=\"l\">note</th></tr>");
        for (var i = 0; i < result.Parameters.Count; i++)
        {
            var p = result.Parameters[i];
            var rel = result.Values[i] != 0 ? 2 * result.Sigma[i] / Math.Abs(result.Values[i]) : double.NaN;
            w.AppendLine(inv, $"<tr><td class=\"l\">{i + 1}</td><td class=\"l\">{Enc(p.Label)}</td><td>{result.BaseValues[i]:G5}</td><td>{result.Values[i]:G5}</td><td>{2 * result.Sigma[i]:G3}</td><td>{rel:P1}</td><td>{(p.Scale == FitScale.Log ? "log" : "linear")}</td><td>{p.Lower:G3} – {p.Upper:G3}</td><td class=\"l\">{(result.AtBound[i] ? "<span class=\"bad\">at a bound</span>" : "")}</td></tr>");
        }

        w.AppendLine("</table>");
        w.AppendLine("<h2>Identifiability</h2><pre>" + Enc(result.Covariance.IdentifiabilityNotes(result.Parameters, result.AtBound)) + "</pre>");
        var heat = Path.Combine(folder, "correlation.png");
        CorrelationHeatMap(heat, result);
        w.AppendLine(inv, $"<img src=\"{folderName}/correlation.png\" alt=\"correlation matrix\">");

        // starts
        w.AppendLine("<h2>Starts</h2><table><tr><th class=\"l\">start</th><th>initial cost</th><th>cost after the short run</th></tr>");
        for (var s = 0; s < result.Starts.Count; s++)
        {
            w.AppendLine(inv, $"<tr><td class=\"l\">{s + 1}{(s == 0 ? " (base values)" : "")}</td><td>{result.Starts[s].InitialCost:G5}</td><td>{result.Starts[s].Cost:G5}</td></tr>");
        }

        w.AppendLine("</table>");

        // errors
        if (result.After.Count > 0)
        {
            w.AppendLine("<h2>Errors</h2>");
            MetricsTable(w, "Fitted tests, before (base cell)", result.MetricsBefore.Take(result.FitTests.Count));
            MetricsTable(w, "Fitted tests, after", result.MetricsAfter.Take(result.FitTests.Count));
            if (result.ValidationTests.Count > 0)
            {
                MetricsTable(w, "Held-out tests (not fitted), before", result.MetricsBefore.Skip(result.FitTests.Count));
                MetricsTable(w, "Held-out tests (not fitted), after", result.MetricsAfter.Skip(result.FitTests.Count));
            }

            MetricsTable(w, $"All tests after, on the fit mesh ({Mesh(result.Settings.FitModel)})", result.FitMeshMetrics);
            w.AppendLine("<h2>Measured against simulated</h2>");
            var all = result.AllTests;
            for (var t = 0; t < all.Count; t++)
            {
                var file = $"test{t + 1:D2}.png";
                var held = t >= result.FitTests.Count ? " (held out)" : "";
                TestFigure(Path.Combine(folder, file), all[t], result.Before[t], result.After[t], held);
                w.AppendLine(inv, $"<h3>{Enc(all[t].Name)}{held}</h3><p>{Enc(all[t].InitialStateNote)}</p><img src=\"{folderName}/{file}\" alt=\"{Enc(all[t].Name)}\">");
            }
        }

        w.AppendLine("<h2>Provenance</h2><pre>" + Enc(provenance) + "</pre>");
        w.AppendLine("</body></html>");
        File.WriteAllText(html, w.ToString());
        return html;
    }

    private static string Mesh(ModelOptions o) =>
        string.Create(CultureInfo.InvariantCulture, $"{o.NegativeVolumes}/{o.SeparatorVolumes}/{o.PositiveVolumes} volumes, {o.NegativeShells}/{o.PositiveShells} shells");

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static void MetricsTable(StringBuilder w, string title, IEnumerable<TestMetrics> rows)
    {
        w.AppendLine(CultureInfo.InvariantCulture, $"<h3>{Enc(title)}</h3><table><tr><th class=\"l\">test</th><th>discharge RMS [mV]</th><th>rest RMS [mV]</th><th>charge RMS [mV]</th><th>all RMS [mV]</th><th>max |ΔT| in discharge [K]</th><th>T RMS [K]</th><th>peak ΔT [K]</th><th class=\"l\">problem</th></tr>");
        foreach (var r in rows)
        {
            w.AppendLine(CultureInfo.InvariantCulture,
                $"<tr><td class=\"l\">{Enc(r.Test)}</td><td>{Cell(r.DischargeRms_mV, "F1")}</td><td>{Cell(r.RestRms_mV, "F1")}</td><td>{Cell(r.ChargeRms_mV, "F1")}</td><td>{Cell(r.AllRms_mV, "F1")}</td><td>{Cell(r.DischargeMaxTemperatureError_K, "F2")}</td><td>{Cell(r.TemperatureRms_K, "F2")}</td><td>{Cell(r.PeakTemperatureError_K, "F2")}</td><td class=\"l\">{Enc(r.Problem ?? "")}</td></tr>");
        }

        w.AppendLine("</table>");
    }

    private static void TestFigure(string path, CalibrationTest test, ReplayResult before, ReplayResult after, string held)
    {
        var hours = test.Time_s.Select(t => t / 3600).ToArray();
        var vPanel = new List<Series> { new("measured", hours, test.Voltage_V, Dashed: true) };
        var tPanel = new List<Series>();
        if (test.Temperature_K is { } measuredT)
        {
            tPanel.Add(new Series("measured", hours, [.. measuredT.Select(TestMetrics.Celsius)], Dashed: true));
        }

        foreach (var (label, r) in new[] { ("before", before), ("after", after) })
        {
            if (r.Trace is { } trace)
            {
                var th = trace.Time_s.Select(t => t / 3600).ToArray();
                vPanel.Add(new Series(label, th, trace.Voltage_V));
                tPanel.Add(new Series(label, th, [.. trace.Temperature_K.Select(TestMetrics.Celsius)]));
            }
        }

        var panels = new List<Panel>
        {
            new("voltage [V]", vPanel),
            new("temperature [°C]", tPanel),
            new("voltage residual [mV]", [
                new Series("before", hours, [.. before.Voltage_V.Select((v, k) => 1000 * (v - test.Voltage_V[k]))]),
                new Series("after", hours, [.. after.Voltage_V.Select((v, k) => 1000 * (v - test.Voltage_V[k]))]),
            ]),
        };
        if (test.Temperature_K is { } mt)
        {
            var idx = Enumerable.Range(0, test.Count).Where(k => double.IsFinite(mt[k])).ToArray();
            panels.Add(new Panel("temperature residual [K]", [
                new Series("before", [.. idx.Select(k => hours[k])], [.. idx.Select(k => before.Temperature_K[k] - mt[k])]),
                new Series("after", [.. idx.Select(k => hours[k])], [.. idx.Select(k => after.Temperature_K[k] - mt[k])]),
            ]));
        }

        PanelFigure.SavePng(path, $"{test.Name}{held}", "time [h]", panels);
    }

    private static void CorrelationHeatMap(string path, CalibrationResult result)
    {
        var n = result.Parameters.Count;
        var plot = new Plot();
        var data = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                data[i, j] = result.Covariance.Correlation[i, j]; // ScottPlot draws row 0 at the top
            }
        }

        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        plot.Add.ColorBar(heatmap);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var text = plot.Add.Text(result.Covariance.Correlation[i, j].ToString("F2", CultureInfo.InvariantCulture), j, n - 1 - i);
                text.LabelFontSize = n > 10 ? 9 : 11;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        var ticks = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var labels = Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, labels);
        plot.Axes.Left.SetTicks([.. ticks.Reverse()], labels);
        plot.Title("parameter correlation (numbers as in the table)");
        plot.SavePng(path, 120 + 55 * n, 80 + 50 * n);
    }

    /// <summary>A number for a table cell; "–" where the test has no such segment or channel (NaN).</summary>
    private static string Cell(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "–";
}
