using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>How a scenario's run ended.</summary>
public enum ScenarioEnd
{
    /// <summary>The true SOC reached the target.</summary>
    ReachedTarget,

    /// <summary>The campaign's time limit passed first.</summary>
    TimeLimit,

    /// <summary>The controller switched the charge off (and kept it off) before the target.</summary>
    ControllerStopped,

    /// <summary>The campaign's <c>stop_after_fault</c> passed after the first injected fault began.</summary>
    FaultWindowEnded,

    /// <summary>The bench's own safety limits tripped (verdict Aborted).</summary>
    Aborted,

    /// <summary>The simulation or the controller failed (verdict Error).</summary>
    Error,
}

/// <summary>A scenario's outcome: how it ended, its ground-truth metrics (base units, by <see cref="Metric"/>) and run statistics.</summary>
public sealed record ScenarioResult(
    Scenario Scenario,
    ScenarioEnd End,
    string Detail,
    double[] Metrics,
    double Elapsed_s,
    long SolverSteps,
    int OracleEvaluations)
{
    public double this[Metric m] => Metrics[(int)m];

    /// <summary>What crossed the link (zero on the direct link).</summary>
    public LinkStatistics Wire { get; init; }

    /// <summary>Real-time HIL only: latencies and missed setpoint cycles of the external controller, the bench's loop timing.</summary>
    public RealTimeStatistics? RealTime { get; init; }

    /// <summary>The diagnosis row of the first non-nominal safety verdict after a fault's onset ("" when none).</summary>
    public string DetectingRow { get; init; } = "";
}
