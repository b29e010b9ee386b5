using System.Diagnostics;
using System.Globalization;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>How to run: threads, which shard, and whom to tell about progress (called concurrently from workers).</summary>
public sealed record CampaignRunOptions(int Jobs, int Shard = 0, int ShardCount = 1, Action<ScenarioResult, int, int>? Progress = null)
{
    /// <summary>Real-time HIL: the external controller every scenario runs against, one at a time (null: simulated time).</summary>
    public Link.ExternalController? External { get; init; }
}

/// <summary>What a run or merge produced.</summary>
public sealed record CampaignRunSummary(string OutputDirectory, IReadOnlyList<ScenarioVerdict> Verdicts, int TotalScenarios, double Elapsed_s, double ScenariosPerSecond, bool Complete)
{
    public Verdict Worst => Verdicts.Count == 0 ? Verdict.Pass : Verdicts.Max(v => v.Verdict);
}

/// <summary>
/// Runs a campaign (or one shard) into an output folder, and merges shards' folders. Everything is written into
/// a temporary folder beside the output and moved into place at the end, so the output folder holds either the
/// complete previous report or the complete new one, never half of one. Layout of the folder:
/// report.html, junit.xml, summary.csv, results.json, campaign.yaml, scenarios/&lt;id&gt;/{trace.parquet, figure.png}.
/// </summary>
public static class CampaignExecution
{
    public const string ScenariosFolder = "scenarios";

    public static CampaignRunSummary Run(Campaign campaign, string baseDirectory, string outputDirectory, CampaignRunOptions options)
    {
        if (options.ShardCount < 1 || options.Shard < 0 || options.Shard >= options.ShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"shard {options.Shard}/{options.ShardCount} does not exist");
        }

        var all = ScenarioMatrix.Expand(campaign);
        var mine = all.Where(s => ScenarioMatrix.InShard(s.Index, options.Shard, options.ShardCount)).ToList();
        CheckReplaceable(outputDirectory);
        return WithTemporaryDirectory(outputDirectory, temp =>
        {
            var scenariosDir = Path.Combine(temp, ScenariosFolder);
            Directory.CreateDirectory(scenariosDir);
            var clock = Stopwatch.StartNew();
            var done = 0;
            var keepTraces = campaign.Report.Traces || campaign.Report.Plots != PlotSelection.None;
            var results = CampaignRunner.Run(campaign, mine, options.Jobs, keepTraces, (result, trace) =>
            {
                if (trace is not null)
                {
                    var dir = Path.Combine(scenariosDir, result.Scenario.Id);
                    Directory.CreateDirectory(dir);
                    TraceParquet.Write(Path.Combine(dir, "trace.parquet"), trace, new Dictionary<string, string>
                    {
                        ["scenario_id"] = result.Scenario.Id,
                        ["scenario"] = result.Scenario.Describe(),
                        ["seed"] = result.Scenario.Seed.ToString(CultureInfo.InvariantCulture),
                    });
                    if (campaign.Report.Plots == PlotSelection.All || (campaign.Report.Plots == PlotSelection.Failed && result.End != ScenarioEnd.ReachedTarget))
                    {
                        ScenarioFigure.Save(Path.Combine(dir, "figure.png"), result.Scenario.Describe(), trace, campaign.CoverageK);
                    }
                }

                options.Progress?.Invoke(result, Interlocked.Increment(ref done), mine.Count);
            }, external: options.External);
            var elapsed = clock.Elapsed.TotalSeconds;
            var verdicts = CampaignEvaluation.Evaluate(campaign, results);
            if (!campaign.Report.Traces)
            {
                foreach (var f in Directory.EnumerateFiles(scenariosDir, "trace.parquet", SearchOption.AllDirectories))
                {
                    File.Delete(f);
                }
            }

            var rate = mine.Count / Math.Max(elapsed, 1e-9);
            var shardText = options.ShardCount > 1 ? $"shard {options.Shard}/{options.ShardCount}" : "";
            ResultsFile.Write(Path.Combine(temp, ResultsFile.FileName), new CampaignResults(campaign, baseDirectory, options.Shard, options.ShardCount, options.Jobs, elapsed, results));
            WriteReports(temp, campaign, verdicts, new ReportRunInfo(mine.Count, all.Count, shardText, options.Jobs, elapsed, rate));
            return new CampaignRunSummary(outputDirectory, verdicts, all.Count, elapsed, rate, mine.Count == all.Count);
        });
    }

    /// <summary>Merges the output folders of shards of one campaign; the result equals the unsharded run's (summary.csv byte for byte).</summary>
    public static CampaignRunSummary Merge(IReadOnlyList<string> shardDirectories, string outputDirectory)
    {
        if (shardDirectories.Count == 0)
        {
            throw new CampaignException("campaign merge", 0, "", "no folders to merge");
        }

        var parts = shardDirectories.Select(d => (Dir: d, Results: ResultsFile.Read(Path.Combine(d, ResultsFile.FileName)))).ToList();
        var first = parts[0].Results;
        foreach (var (dir, r) in parts.Skip(1))
        {
            if (r.Campaign.SourceText != first.Campaign.SourceText || r.Campaign.Seed != first.Campaign.Seed || r.Campaign.Link != first.Campaign.Link)
            {
                throw new CampaignException(Path.Combine(dir, ResultsFile.FileName), 0, "", $"a different campaign (or seed, or link) than {parts[0].Dir}");
            }
        }

        var all = ScenarioMatrix.Expand(first.Campaign);
        var byIndex = new Dictionary<int, (string Dir, ScenarioResult Result)>();
        foreach (var (dir, r) in parts)
        {
            foreach (var s in r.Results)
            {
                if (!byIndex.TryAdd(s.Scenario.Index, (dir, s)))
                {
                    throw new CampaignException(Path.Combine(dir, ResultsFile.FileName), 0, "", $"scenario {s.Scenario.Id} is also in {byIndex[s.Scenario.Index].Dir} (the same shard given twice?)");
                }
            }
        }

        var missing = all.Where(s => !byIndex.ContainsKey(s.Index)).ToList();
        if (missing.Count > 0)
        {
            var shards = parts.Select(p => $"{p.Results.Shard}/{p.Results.ShardCount}").Distinct();
            throw new CampaignException("campaign merge", 0, "", $"{missing.Count} of {all.Count} scenarios are missing (have shards {string.Join(", ", shards)}; first missing: #{missing[0].Index} {missing[0].Id})");
        }

        CheckReplaceable(outputDirectory);
        return WithTemporaryDirectory(outputDirectory, temp =>
        {
            var scenariosDir = Path.Combine(temp, ScenariosFolder);
            Directory.CreateDirectory(scenariosDir);
            foreach (var (dir, result) in byIndex.Values)
            {
                var from = Path.Combine(dir, ScenariosFolder, result.Scenario.Id);
                if (Directory.Exists(from))
                {
                    var to = Path.Combine(scenariosDir, result.Scenario.Id);
                    Directory.CreateDirectory(to);
                    foreach (var f in Directory.EnumerateFiles(from))
                    {
                        File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
                    }
                }
            }

            var results = all.Select(s => byIndex[s.Index].Result).ToList();
            var verdicts = CampaignEvaluation.Evaluate(first.Campaign, results);
            var elapsed = parts.Max(p => p.Results.Elapsed_s);
            ResultsFile.Write(Path.Combine(temp, ResultsFile.FileName), new CampaignResults(first.Campaign, first.BaseDirectory, 0, 1, first.Jobs, elapsed, results));
            WriteReports(temp, first.Campaign, verdicts, new ReportRunInfo(all.Count, all.Count, $"merged from {parts.Count} shards", parts.Max(p => p.Results.Jobs), 0, 0));
            return new CampaignRunSummary(outputDirectory, verdicts, all.Count, 0, 0, true);
        });
    }

    private static void WriteReports(string dir, Campaign campaign, IReadOnlyList<ScenarioVerdict> verdicts, ReportRunInfo info)
    {
        File.WriteAllText(Path.Combine(dir, "campaign.yaml"), campaign.SourceText);
        SummaryCsvWriter.Write(Path.Combine(dir, "summary.csv"), verdicts, campaign.Link);
        JUnitWriter.Write(Path.Combine(dir, "junit.xml"), campaign.Name, verdicts);
        string? Existing(ScenarioVerdict v, string file)
        {
            var relative = $"{ScenariosFolder}/{v.Scenario.Id}/{file}";
            return File.Exists(Path.Combine(dir, relative)) ? relative : null;
        }

        HtmlReportWriter.Write(Path.Combine(dir, "report.html"), campaign, verdicts, info, v => Existing(v, "figure.png"), v => Existing(v, "trace.parquet"));
    }

    /// <summary>An existing output folder is replaced only if it is empty or a previous campaign report.</summary>
    private static void CheckReplaceable(string outputDirectory)
    {
        if (File.Exists(outputDirectory))
        {
            throw new CampaignException(outputDirectory, 0, "--out", "is a file, not a folder");
        }

        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any() && !File.Exists(Path.Combine(outputDirectory, ResultsFile.FileName)))
        {
            throw new CampaignException(outputDirectory, 0, "--out", "exists and is not a campaign report (no results.json): refusing to replace it");
        }
    }

    private static CampaignRunSummary WithTemporaryDirectory(string outputDirectory, Func<string, CampaignRunSummary> work)
    {
        var full = Path.GetFullPath(outputDirectory);
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        var temp = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var summary = work(temp);
            string? old = null;
            if (Directory.Exists(full))
            {
                old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.Move(full, old);
            }

            Directory.Move(temp, full);
            if (old is not null)
            {
                Directory.Delete(old, recursive: true);
            }

            return summary;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
