using System.CommandLine;
using System.Globalization;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Reporting;
using ChargeTwin.HilBench.Metrics;
using Spectre.Console;

namespace ChargeTwin.Bench;

/// <summary>
/// <c>chargetwin-bench campaign run FILE --out DIR [--jobs N] [--shard i/N]</c> and
/// <c>chargetwin-bench campaign merge DIR... [--out DIR]</c>.
/// </summary>
public static class CampaignCommand
{
    public static Command Create()
    {
        var command = new Command("campaign", "HIL campaigns: run a campaign file's scenarios (or one shard of them) and write the report; merge shards' reports.");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateMerge());
        return command;
    }

    internal static Option<string> FailOn() => new("--fail-on")
    {
        Description = "exit 1 when a scenario's verdict is this bad or worse: fail, aborted, error or never",
        DefaultValueFactory = _ => "never",
    };

    private static Command CreateRun()
    {
        var file = new Argument<string>("FILE") { Description = "campaign YAML file (see hil-bench/campaign-files/README.md)" };
        var output = new Option<string>("--out", "-o") { Description = "report folder (replaced as a whole at the end)", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "scenarios run in parallel (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var shard = new Option<string?>("--shard") { Description = "run only shard i of N (i/N, 0-based): scenario k belongs to shard k mod N" };
        var link = LinkOption();
        var failOn = FailOn();
        var command = new Command("run", "Run a campaign: every scenario of its matrix (or one shard), then report.html, junit.xml, summary.csv and Parquet traces in --out.");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(jobs);
        command.Options.Add(shard);
        command.Options.Add(link);
        command.Options.Add(failOn);
        command.SetAction(parse => Guard(() =>
        {
            var path = parse.GetValue(file)!;
            var j = parse.GetValue(jobs);
            if (j < 1)
            {
                throw new UsageException($"--jobs {j}: expected at least 1");
            }

            var (i, n) = ParseShard(parse.GetValue(shard));
            var threshold = ParseFailOn(parse.GetValue(failOn)!);
            var campaign = CampaignLoader.Load(path, ParseLink(parse.GetValue(link)));
            var outDir = parse.GetValue(output)!;
            OutputPath.Parent("--out", outDir); // the report is built beside --out and moved into place at the end
            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var all = ScenarioMatrix.Expand(campaign);
            var total = all.Count;
            var count = all.Count(s => ScenarioMatrix.InShard(s.Index, i, n));
            var work = all.Where(s => ScenarioMatrix.InShard(s.Index, i, n)).Sum(Cost);
            var title = $"campaign {campaign.Name}: {count} scenario(s){(n > 1 ? $" of {total} (shard {i}/{n})" : "")} on {j} job(s)";
            var summary = RunWithProgress(title, count, work, progress =>
                CampaignExecution.Run(campaign, baseDirectory, outDir, new CampaignRunOptions(j, i, n, progress)));
            PrintSummary(summary);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput: {count} scenarios in {summary.Elapsed_s:0.0} s with {j} job(s) = {summary.ScenariosPerSecond:0.00} scenarios/s"));
            Console.WriteLine($"report: {Path.GetFullPath(Path.Combine(summary.OutputDirectory, "report.html"))}");
            return Exit(summary, threshold);
        }));
        return command;
    }

    private static Command CreateMerge()
    {
        var dirs = new Argument<string[]>("DIR") { Description = "the shards' report folders", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "merged report folder (default: <campaign>-merged beside the first DIR)" };
        var failOn = FailOn();
        var command = new Command("merge", "Merge the report folders of a campaign's shards into one report, identical to the unsharded run's.");
        command.Arguments.Add(dirs);
        command.Options.Add(output);
        command.Options.Add(failOn);
        command.SetAction(parse => Guard(() =>
        {
            var folders = parse.GetValue(dirs)!;
            var threshold = ParseFailOn(parse.GetValue(failOn)!);
            var first = Path.GetFullPath(folders[0]);
            var outDir = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(first.TrimEnd('/')) ?? ".", Path.GetFileName(first.TrimEnd('/')) + "-merged");
            OutputPath.Parent("--out", outDir);
            var summary = CampaignExecution.Merge(folders, outDir);
            PrintSummary(summary);
            Console.WriteLine($"report: {Path.GetFullPath(Path.Combine(summary.OutputDirectory, "report.html"))}");
            return Exit(summary, threshold);
        }));
        return command;
    }

    internal static int Guard(Func<int> body) => Cli.Guard(() =>
    {
        try
        {
            return body();
        }
        catch (CampaignException e)
        {
            Console.Error.WriteLine($"chargetwin-bench: {e.Message}");
            return Cli.BadInput;
        }
    });

    /// <summary><c>--link can|direct</c>: overrides the campaign's <c>link:</c>.</summary>
    public static Option<string?> LinkOption() => new("--link")
    {
        Description = "how the controller meets the bench, overriding the campaign's link: — can (the DBC's frames on a virtual CAN bus) or direct (numbers)",
    };

    public static LinkKind? ParseLink(string? text) => text switch
    {
        null => null,
        "can" => LinkKind.Can,
        "direct" => LinkKind.Direct,
        _ => throw new UsageException($"--link '{text}': expected can or direct"),
    };

    private static (int Shard, int Count) ParseShard(string? text)
    {
        if (text is null)
        {
            return (0, 1);
        }

        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || i >= n)
        {
            throw new UsageException($"--shard '{text}': expected i/N with 0 ≤ i < N, e.g. 0/3");
        }

        return (i, n);
    }

    internal static Verdict? ParseFailOn(string text) => text switch
    {
        "fail" => Verdict.Fail,
        "aborted" => Verdict.Aborted,
        "error" => Verdict.Error,
        "never" => null,
        _ => throw new UsageException($"--fail-on '{text}': expected fail, aborted, error or never"),
    };

    internal static int Exit(CampaignRunSummary summary, Verdict? threshold) =>
        threshold is { } t && summary.Verdicts.Any(v => v.Verdict >= t) ? Cli.Failed : Cli.Ok;

    /// <summary>A live bar with ETA on a terminal; one plain line per finished scenario otherwise (CI).</summary>
    /// <summary>Relative cost of a scenario for the ETA: an oracle run forks the plant hundreds of times (~10× a baseline).</summary>
    private static double Cost(Scenario s) => s.Controller is OracleSpec ? 10 : 1;

    private static CampaignRunSummary RunWithProgress(string title, int total, double totalCost, Func<Action<ScenarioResult, int, int>, CampaignRunSummary> work)
    {
        var gate = new object();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var doneCost = 0.0;
        double Eta(ScenarioResult r)
        {
            doneCost += Cost(r.Scenario);
            return doneCost >= totalCost ? 0 : clock.Elapsed.TotalSeconds / doneCost * (totalCost - doneCost);
        }

        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.WriteLine(title);
            return work((r, done, n) =>
            {
                lock (gate)
                {
                    var eta = Eta(r);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  [{done,4}/{n}] {r.End,-17} #{r.Scenario.Index} {r.Scenario.Describe()} ({r.Elapsed_s:0.0} s)  ETA {eta:0} s"));
                }
            });
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1));
                var result = work((r, done, n) =>
                {
                    lock (gate)
                    {
                        var eta = Eta(r);
                        task.Value = done;
                        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{done}/{n} done, ETA {eta:0} s; last: {r.Scenario.Describe()}"));
                    }
                });
                task.Value = Math.Max(total, 1);
                return result;
            });
    }

    internal static void PrintSummary(CampaignRunSummary summary)
    {
        string M(ScenarioVerdict v, Metric m) => v[m] is var x && double.IsNaN(x) ? "–" : double.IsPositiveInfinity(x) ? "—" : MetricInfo.Of(m).Display(x).ToString(MetricInfo.Of(m).Format, CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine("   #  cell       ageing  ambient  controller   verdict       t→target  vs oracle  min η_Li  t(η<0)  plated@η<0  plated  dead Li   peak T  final SOC");
        Console.WriteLine("                                                             [min]              [mV]     [s]     [mAh]       [mAh]   [mAh]    [°C]    [%]");
        foreach (var v in summary.Verdicts.OrderBy(v => v.Scenario.Index))
        {
            var s = v.Scenario;
            var verdict = Verdicts.Text(v.Verdict) + (v.Marginal ? "*" : "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Index,4}  {Trim(s.CellName, 9),-9}  {Trim(s.Ageing.Name, 6),-6}  {s.Ambient_K - 273.15,5:0} °C  {Trim(s.Controller.Name, 11),-11}  {verdict,-12}  {M(v, Metric.TimeToTarget),8}  {M(v, Metric.TimeRelativeToOracle),9}  {M(v, Metric.MinPlatingOverpotential),8}  {M(v, Metric.TimeBelowZeroPlating),6}  {M(v, Metric.PlatedWhileBelowZero),10}  {M(v, Metric.PlatedLithium),6}  {M(v, Metric.DeadLithium),7}  {M(v, Metric.PeakTemperature),6}  {M(v, Metric.FinalSoc),6}"));
        }

        var counts = Enum.GetValues<Verdict>().Select(x => (x, n: summary.Verdicts.Count(v => v.Verdict == x))).Where(x => x.n > 0);
        Console.WriteLine();
        Console.WriteLine($"verdicts: {string.Join(", ", counts.Select(c => $"{Verdicts.Text(c.x)} {c.n}"))} (* marginal); vs oracle = time to target / the oracle's under the same conditions");
        var wire = summary.Verdicts.Aggregate(LinkStatistics.None, (a, v) => a + v.Result.Wire);
        Console.WriteLine(wire.FramesSent > 0 ? $"link: can — frames {HtmlReportWriter.WireText(wire)}" : "link: direct (no frames)");
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..n];
}
