using System.Collections.Concurrent;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Runs a campaign's scenarios (or one shard of them) on up to <c>jobs</c> threads. Each scenario is
/// independent and seeded from the campaign seed and its conditions, and results are kept by scenario index,
/// so the outcome does not depend on the number of threads or the order in which they finish.
/// </summary>
public static class CampaignRunner
{
    /// <summary>Called from the worker threads (concurrently) after each scenario, with it and its trace.</summary>
    public delegate void ScenarioDone(ScenarioResult result, ScenarioTrace? trace);

    /// <param name="external">Real-time HIL: the external controller every scenario runs against (one at a time, whatever <paramref name="jobs"/> says).</param>
    public static IReadOnlyList<ScenarioResult> Run(Campaign campaign, IReadOnlyList<Scenario> scenarios, int jobs, bool keepTraces, ScenarioDone? done = null, CancellationToken cancellation = default, Link.ExternalController? external = null)
    {
        jobs = external is null ? jobs : 1;
        var cells = new ConcurrentDictionary<string, Lazy<ParameterSet>>(StringComparer.Ordinal);
        ParameterSet Cell(string id) => cells.GetOrAdd(id, k => new Lazy<ParameterSet>(() => CellLibrary.Load(k))).Value;
        var runner = new ScenarioRunner(campaign, Cell, external);
        var results = new ScenarioResult[scenarios.Count];

        // Longest first (oracle runs cost several times the others), so that the last thread is not left with one; in
        // real-time HIL in the campaign's order.
        var order = Enumerable.Range(0, scenarios.Count).OrderByDescending(i => scenarios[i].Controller is OracleSpec && external is null ? 1 : 0).ThenBy(i => i).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation };
        var partitioner = Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitioner, options, i =>
        {
            var trace = keepTraces ? new ScenarioTrace() : null;
            var result = runner.Run(scenarios[i], trace);
            results[i] = result;
            done?.Invoke(result, trace);
        });
        return results;
    }
}
