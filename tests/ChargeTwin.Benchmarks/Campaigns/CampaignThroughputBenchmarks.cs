using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.Benchmarks.Campaigns;

/// <summary>
/// Campaign throughput: hil-bench/campaign-files/throughput.yaml — 100 charges from 10 % to 80 % SOC (5 ambients ×
/// 2 ageing states × 2 sensor suites × CC-CV 1C, CC-CV C/2, two multi-stage CC and pressure-triggered CC; no oracle) —
/// run end to end with all the reports (Parquet traces, figures, HTML, JUnit, CSV) on 2 jobs. The target is
/// ≤ 120 s on the 2-core machine; scenarios per second = 100 / mean. Also the scenario loop alone on one thread for a
/// per-scenario cost. One launch, one iteration each (a run is tens of seconds): run with
/// <c>dotnet run --project tests/ChargeTwin.Benchmarks -c Release -- --filter '*CampaignThroughput*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class CampaignThroughputBenchmarks
{
    private Campaign _campaign = null!;
    private IReadOnlyList<Scenario> _scenarios = null!;
    private string _root = null!;
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "campaigns", "throughput.yaml");
        _campaign = CampaignLoader.Load(file);
        _scenarios = ScenarioMatrix.Expand(_campaign);
        _root = Path.Combine(Path.GetTempPath(), $"chargetwin-bench-throughput-{Environment.ProcessId}");
        Directory.CreateDirectory(_root);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>The whole campaign with its reports, as <c>campaign run --jobs 2</c> does it.</summary>
    [Benchmark]
    public double Throughput_100Scenarios_WithReports_TwoJobs()
    {
        var summary = CampaignExecution.Run(_campaign, _root, Path.Combine(_root, $"run{_run++}"), new CampaignRunOptions(2));
        Console.WriteLine($"// {summary.Verdicts.Count} scenarios in {summary.Elapsed_s:F1} s = {summary.ScenariosPerSecond:F2} scenarios/s");
        return summary.ScenariosPerSecond;
    }

    /// <summary>Ten of them (every tenth) on one thread without traces or reports: the loop's own cost.</summary>
    [Benchmark]
    public int LoopOnly_10Scenarios_OneThread() =>
        CampaignRunner.Run(_campaign, [.. _scenarios.Where(s => s.Index % 10 == 0)], 1, keepTraces: false).Count;
}
