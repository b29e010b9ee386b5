namespace ChargeTwin.Controller.Safety;

/// <summary>
/// Where one diagnosis row stands after the last tick, for the report and telemetry (read through
/// <see cref="SafetyMonitor.RowStatus"/> without allocating).
/// </summary>
public struct DiagnosisRowStatus
{
    /// <summary>The row's reaction is in force.</summary>
    public bool Active { readonly get; internal set; }

    /// <summary>At its last fresh evaluation the signal was beyond the row's limit (its threshold, or while active its release).</summary>
    public bool ConditionPresent { readonly get; internal set; }

    /// <summary>Consecutive fresh evaluations towards the next change: towards tripping while inactive, towards healing while active.</summary>
    public int DebounceCount { readonly get; internal set; }

    /// <summary>When the condition was first seen in its latest run (monitor clock, ns); null when never.</summary>
    public long? FirstDetectedNs { readonly get; internal set; }

    /// <summary>When the row last became active (ns); null when never.</summary>
    public long? ActiveSinceNs { readonly get; internal set; }

    /// <summary>The start of the run the debounce is timing (internal bookkeeping).</summary>
    internal long RunStartNs { readonly get; set; }
}
