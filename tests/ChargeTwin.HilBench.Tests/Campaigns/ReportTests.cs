using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>One small campaign run shared by the report tests (it takes a few seconds).</summary>
public sealed class SmallCampaignRun
{
    public SmallCampaignRun()
    {
        Directory = CampaignFiles.Temp("report");
        var file = CampaignFiles.Write(Directory, "small.yaml", CampaignFiles.Small);
        Output = Path.Combine(Directory, "report");
        Summary = CampaignExecution.Run(CampaignLoader.Load(file), Directory, Output, new CampaignRunOptions(2));
    }

    public string Directory { get; }
    public string Output { get; }
    public CampaignRunSummary Summary { get; }
}

public sealed partial class ReportTests(SmallCampaignRun run) : IClassFixture<SmallCampaignRun>
{
    [Fact]
    public void OutputFolder_HoldsEveryReport_AndNoTemporaryFolderRemains()
    {
        foreach (var f in new[] { "report.html", "junit.xml", "summary.csv", "results.json", "campaign.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(run.Output, f)), f);
        }

        Assert.All(run.Summary.Verdicts, v =>
        {
            Assert.True(File.Exists(Path.Combine(run.Output, "scenarios", v.Scenario.Id, "trace.parquet")));
            Assert.True(File.Exists(Path.Combine(run.Output, "scenarios", v.Scenario.Id, "figure.png")));
        });
        Assert.DoesNotContain(System.IO.Directory.EnumerateDirectories(run.Directory), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void ParquetTrace_ReadsBack_WithEveryColumn_AndMatchesTheMetrics()
    {
        var v = run.Summary.Verdicts.First(x => x.Scenario.Controller.Name == "cccv" && x.Scenario.Ambient_K < 280);
        var columns = TraceParquet.ReadDoubles(Path.Combine(run.Output, "scenarios", v.Scenario.Id, "trace.parquet"));
        Assert.Equal(ScenarioTrace.DoubleColumns, columns.Keys.OrderBy(k => Array.IndexOf(ScenarioTrace.DoubleColumns, k)));
        var t = columns["charge_time_s"];
        Assert.True(t.Length > 50);
        Assert.All(t.Zip(t.Skip(1)), p => Assert.Equal(2.0, p.Second - p.First, 9));

        // The trace and the metrics tell the same story.
        Assert.Equal(v[Metric.PeakTemperature], columns["true_temperature_K"].Max(), 9);
        var eta = columns["true_plating_overpotential_V"].Zip(columns["true_min_plating_overpotential_V"], Math.Min).Min();
        Assert.Equal(v[Metric.MinPlatingOverpotential], eta, 9);
        Assert.True(columns["true_soc"][^1] >= v.Scenario.TargetSoc);
        // The coulomb counter's σ starts at the plug-in report's σ (2 %) and only grows (bias and capacity terms).
        var sigma = columns["est_soc_sigma"];
        Assert.Equal(0.02, sigma[0], 12);
        Assert.All(sigma.Zip(sigma.Skip(1)), p => Assert.True(p.Second >= p.First));
        Assert.True(sigma[^1] > 0.02);
    }

    [Fact]
    public void JUnit_HasOneSuitePerScenario_AndOneCasePerCheck()
    {
        var doc = XDocument.Load(Path.Combine(run.Output, "junit.xml"));
        var suites = doc.Root!.Elements("testsuite").ToList();
        Assert.Equal(16, suites.Count);
        var checks = run.Summary.Verdicts.Sum(v => v.Measurements.Count);
        Assert.Equal(checks, doc.Descendants("testcase").Count());
        Assert.Equal(checks, int.Parse(doc.Root.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        var failing = run.Summary.Verdicts.Sum(v => v.Measurements.Count(m => m.Outcome == MeasurementOutcome.Fail));
        Assert.Equal(failing, doc.Descendants("failure").Count());
        Assert.All(suites, s => Assert.Equal(3, s.Elements("testcase").Count())); // target reached + two limits
    }

    [Fact]
    public void TheLink_AndWhatCrossedIt_AreInTheReport_TheSummaryAndTheResults()
    {
        // The small campaign runs on the default link: the DBC's frames, no E2E error, no timeout, no range error.
        var verdicts = run.Summary.Verdicts;
        Assert.All(verdicts, v => Assert.True(v.Result.Wire.FramesSent > 0 && v.Result.Wire.FramesSent == v.Result.Wire.FramesAccepted, v.Scenario.Describe()));
        var total = verdicts.Sum(v => v.Result.Wire.FramesSent);

        var html = File.ReadAllText(Path.Combine(run.Output, "report.html"));
        Assert.Contains("<th class=\"l\">link</th><td class=\"l\">can: ", html, StringComparison.Ordinal);
        Assert.Contains($"<th class=\"l\">frames</th><td class=\"l\">{total} sent, {total} accepted; E2E errors 0, timeouts 0, lost frames 0, values out of DBC range 0</td>", html, StringComparison.Ordinal);
        Assert.Equal(verdicts.Count, Regex.Matches(html, "<p class=\"wire\">link can: ").Count);

        var csv = File.ReadAllLines(Path.Combine(run.Output, "summary.csv"));
        var header = csv[0].Split(',');
        Assert.All(csv.Skip(1), line => Assert.Equal("can", line.Split(',')[Array.IndexOf(header, "link")]));
        Assert.Equal(total, csv.Skip(1).Sum(line => long.Parse(line.Split(',')[Array.IndexOf(header, "frames_sent")], System.Globalization.CultureInfo.InvariantCulture)));

        var back = ResultsFile.Read(Path.Combine(run.Output, ResultsFile.FileName));
        Assert.Equal(ChargeTwin.HilBench.Link.LinkKind.Can, back.Campaign.Link);
        Assert.Equal(verdicts.OrderBy(v => v.Scenario.Index).Select(v => v.Result.Wire), back.Results.OrderBy(r => r.Scenario.Index).Select(r => r.Wire));
    }

    [Fact]
    public async Task Html_RendersInHeadlessChromium_WithItsTablesAndEveryFigure()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "headless Chromium is needed (Debian package 'chromium'; .ci/run installs it)");
        var profile = CampaignFiles.Temp("chromium-profile");
        var start = new ProcessStartInfo(chromium!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom",
            new Uri(Path.Combine(run.Output, "report.html")).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var dom = await p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "chromium did not finish");
        Assert.True(dom.Contains("</html>", StringComparison.Ordinal), await stderr);

        // The summary table has a row per scenario, worst first; the controllers table one per controller.
        var summary = Regex.Match(dom, "<table id=\"summary\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(16, Regex.Matches(summary, "<tr>").Count);
        var controllers = Regex.Match(dom, "<table id=\"controllers\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(4, Regex.Matches(controllers, "<tr>").Count);
        var verdictOrder = Regex.Matches(summary, "<td class=\"l (PASS|FAIL|INCONCLUSIVE|ABORTED|ERROR)\"").Select(m => Enum.Parse<Verdict>(m.Groups[1].Value, ignoreCase: true)).ToList();
        Assert.Equal(verdictOrder.OrderByDescending(x => x), verdictOrder);

        // Every figure loaded and decoded (the page's own load handler counts them).
        var check = Regex.Match(dom, "<p id=\"render-check\" data-loaded=\"(\\d+)\" data-total=\"(\\d+)\"");
        Assert.True(check.Success, "the render check did not run");
        Assert.Equal("16", check.Groups[2].Value);
        Assert.Equal(check.Groups[2].Value, check.Groups[1].Value);
    }
}
