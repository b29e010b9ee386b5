using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Link;

namespace ChargeTwin.Bench;

/// <summary>
/// <c>chargetwin-bench hil --campaign FILE --controller udp://HOST:PORT [--listen HOST:PORT] [--out DIR]</c>: real-time
/// HIL. The campaign's scenarios run one after another with the plant on the wall clock, the bench's cell front end
/// and power stage speaking the DBC protocol over UDP to an external <c>chargetwin-controller run</c> (the campaign's
/// controllers are <c>type: external</c>). The same report as a simulated campaign (the bench's ground-truth metrics),
/// plus <c>hil.csv</c>: sample → setpoint latencies, missed setpoint cycles and the bench loop's timing.
/// </summary>
public static class HilCommand
{
    public const string TimingFile = "hil.csv";

    public static Command Create()
    {
        var campaignFile = new Option<string>("--campaign") { Description = "campaign file whose controllers are type: external", Required = true };
        var controller = new Option<string>("--controller") { Description = "where the controller listens: udp://HOST:PORT (its link.local)", Required = true };
        var listen = new Option<string>("--listen") { Description = "where the bench listens: HOST:PORT (the controller's link.remote)", DefaultValueFactory = _ => "0.0.0.0:47100" };
        var output = new Option<string?>("--out", "-o") { Description = "report folder (default: out/hil/<campaign name>)" };
        var connect = new Option<double>("--connect-timeout") { Description = "seconds from a scenario's start to the controller's first frame (else exit 1, output never on)", DefaultValueFactory = _ => 30 };
        var hold = new Option<double>("--hold") { Description = "after a scenario: seconds at most that the output is held off with the bus alive, waiting for the controller to stop", DefaultValueFactory = _ => 10 };
        var failOn = CampaignCommand.FailOn();
        var command = new Command("hil", "Real-time HIL: run a campaign against a controller in another process over the DBC protocol on UDP (plant on the wall clock); the report plus latencies and missed setpoint cycles.")
        {
            campaignFile, controller, listen, output, connect, hold, failOn,
        };
        command.SetAction(parse => CampaignCommand.Guard(() => Run(
            parse.GetValue(campaignFile)!, parse.GetValue(controller)!, parse.GetValue(listen)!, parse.GetValue(output), parse.GetValue(connect), parse.GetValue(hold), parse.GetValue(failOn)!)));
        return command;
    }

    private static int Run(string path, string controllerText, string listenText, string? outDir, double connect_s, double hold_s, string failOn)
    {
        var controller = ParseEndPoint("--controller", controllerText, scheme: "udp://");
        var listen = ParseEndPoint("--listen", listenText, scheme: null);
        if (!(connect_s > 0 && connect_s <= 600))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--connect-timeout {connect_s}: seconds, more than 0 and at most 600"));
        }

        if (!(hold_s >= 0 && hold_s <= 600))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--hold {hold_s}: seconds from 0 to 600"));
        }

        var threshold = CampaignCommand.ParseFailOn(failOn);
        var campaign = CampaignLoader.Load(path, LinkKind.Can);
        RefuseInProcessControllers(path, campaign);
        var dir = outDir ?? Path.Combine("out", "hil", campaign.Name);
        OutputPath.Parent("--out", dir);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var scenarios = ScenarioMatrix.Expand(campaign);
        var c = CultureInfo.InvariantCulture;
        var external = new ExternalController(controller, listen, connect_s, hold_s);
        var index = 0;
        external.Listening = bus => Console.WriteLine($"scenario {++index}/{scenarios.Count}: listening ({bus}); waiting up to {connect_s.ToString(c)} s for the controller's first frame");
        Console.WriteLine($"hil {campaign.Name}: {scenarios.Count} scenario(s) in real time against the controller at udp://{controller}");
        var summary = CampaignExecution.Run(campaign, baseDirectory, dir, new CampaignRunOptions(1, Progress: Progress) { External = external });
        var results = summary.Verdicts.OrderBy(v => v.Scenario.Index).Select(v => v.Result).ToList();
        File.WriteAllText(Path.Combine(dir, TimingFile), TimingCsv(results), new UTF8Encoding(false));
        CampaignCommand.PrintSummary(summary);
        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine(TimingLine(r));
        }

        Console.WriteLine($"report: {Path.GetFullPath(Path.Combine(dir, "report.html"))}; latencies and missed cycles: {Path.GetFullPath(Path.Combine(dir, TimingFile))}");
        return CampaignCommand.Exit(summary, threshold);
    }

    private static void Progress(ScenarioResult r, int done, int total) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  [{done}/{total}] {r.End} #{r.Scenario.Index} {r.Scenario.Describe()}: {r.Detail} ({r.Elapsed_s:0.0} s)"));

    /// <summary>One line of a scenario's wire timing, as the summary prints it.</summary>
    public static string TimingLine(ScenarioResult r) => r.RealTime is not { } t
        ? $"#{r.Scenario.Index}: no real-time measurements"
        : string.Create(CultureInfo.InvariantCulture,
            $"#{r.Scenario.Index}: controller heard at {t.ControllerHeardAt_s:0.00} s; sample → setpoint latency p50 {t.LatencyP50_ms:0.000} ms, p99 {t.LatencyP99_ms:0.000} ms, max {t.LatencyMax_ms:0.000} ms over {t.Latencies} new setpoints; {t.Setpoints} setpoints, {t.MissedCycles} missed cycles (longest gap {t.LongestGap_ms:0.0} ms); bench loop: {t.BenchOverruns} overruns, {t.BenchSkippedReleases} skipped releases, wake-up p99 {t.BenchWakeupP99_ms:0.000} ms; controller {(t.ControllerStopped ? "stopped after the output went off" : "still sending when the hold ended")}");

    private static string TimingCsv(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder("index,id,end,controller_heard_at_s,setpoints,latencies,latency_p50_ms,latency_p99_ms,latency_max_ms,missed_cycles,longest_gap_ms,bench_overruns,bench_skipped_releases,bench_wakeup_p99_ms,controller_stopped\n");
        foreach (var r in results)
        {
            if (r.RealTime is { } t)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{r.Scenario.Index},{r.Scenario.Id},{r.End},{t.ControllerHeardAt_s:R},{t.Setpoints},{t.Latencies},{t.LatencyP50_ms:R},{t.LatencyP99_ms:R},{t.LatencyMax_ms:R},{t.MissedCycles},{t.LongestGap_ms:R},{t.BenchOverruns},{t.BenchSkippedReleases},{t.BenchWakeupP99_ms:R},{(t.ControllerStopped ? 1 : 0)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>HIL runs only the external controller: an in-process one named in the campaign is refused by name.</summary>
    private static void RefuseInProcessControllers(string path, Campaign campaign)
    {
        if (campaign.Controllers.FirstOrDefault(c => c is not ExternalControllerSpec) is { } inProcess)
        {
            throw new CampaignException(path, 0, $"controllers.{inProcess.Name}", $"type {inProcess.Type} runs inside the bench; real-time HIL drives a separate process (type: external)");
        }
    }

    /// <summary><c>udp://HOST:PORT</c> (or <c>HOST:PORT</c> without a scheme) with HOST an IP address.</summary>
    internal static IPEndPoint ParseEndPoint(string option, string text, string? scheme)
    {
        var example = scheme is null ? "127.0.0.1:47100" : $"{scheme}127.0.0.1:47101";
        var rest = text;
        if (scheme is not null)
        {
            if (!text.StartsWith(scheme, StringComparison.Ordinal))
            {
                throw new UsageException($"{option} '{text}': expected {scheme}HOST:PORT, e.g. {example}");
            }

            rest = text[scheme.Length..];
        }

        if (!IPEndPoint.TryParse(rest, out var endPoint) || endPoint.Port == 0 || !rest.Contains(':', StringComparison.Ordinal) || rest.EndsWith(':'))
        {
            throw new UsageException($"{option} '{text}': expected an IP address and a port from 1 to 65535, e.g. {example}");
        }

        return endPoint;
    }
}
