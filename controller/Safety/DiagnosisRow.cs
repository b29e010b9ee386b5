namespace ChargeTwin.Controller.Safety;

/// <summary>
/// One check of the diagnosis table. A level row trips while its signal is beyond <see cref="Threshold"/> (in the
/// signal's base unit: V, A, K, Pa, s, K/s, Pa/s, a count or a fraction) and heals once it is back within
/// <see cref="Release"/> (the threshold unless the table says otherwise); a flag row trips while its flag is set.
/// Both ways take the same debounce: <see cref="DebounceCount"/> consecutive fresh evaluations and at least
/// <see cref="DebounceNs"/> since the first of them.
/// </summary>
/// <param name="Id">Stable id the safety case cites (SM-01 …).</param>
/// <param name="Signal">What it watches.</param>
/// <param name="Direction">The side it trips on (level rows).</param>
/// <param name="Threshold">Trip threshold (NaN for a flag).</param>
/// <param name="Release">Heal threshold (NaN for a flag).</param>
/// <param name="DebounceCount">Consecutive fresh evaluations, at least 1.</param>
/// <param name="DebounceNs">Minimum time the condition holds, 0 for none.</param>
/// <param name="Severity">For the safety case and the report.</param>
/// <param name="Reaction">What it does while active.</param>
/// <param name="FttiNs">Fault-tolerant time interval: from the fault to the hazard.</param>
/// <param name="Description">One line: the check and why its numbers.</param>
/// <param name="ThresholdText">The threshold as the table writes it (empty for a flag).</param>
/// <param name="Line">Its line in the table file.</param>
public sealed record DiagnosisRow(
    string Id,
    DiagnosisSignalInfo Signal,
    TripDirection Direction,
    double Threshold,
    double Release,
    int DebounceCount,
    long DebounceNs,
    DiagnosisSeverity Severity,
    DiagnosisReaction Reaction,
    long FttiNs,
    string Description,
    string ThresholdText,
    int Line)
{
    /// <summary>The verdict's cause while this row decides it: one line, made once so that a tick allocates nothing.</summary>
    public string Cause { get; } = MakeCause(Id, Signal, Direction, ThresholdText, Reaction, Description);

    /// <summary>Whether <paramref name="value"/> is beyond <paramref name="limit"/> on the trip side (a flag: set).</summary>
    public bool Beyond(double value, double limit) => Signal.IsFlag
        ? value > 0.5
        : Direction == TripDirection.Above ? value > limit : value < limit;

    private static string MakeCause(string id, DiagnosisSignalInfo signal, TripDirection direction, string threshold, DiagnosisReaction reaction, string description)
    {
        var condition = signal.IsFlag ? signal.Name : $"{signal.Name} {(direction == TripDirection.Above ? "above" : "below")} {threshold}";
        var what = reaction.Reaction switch
        {
            SafetyReaction.Derate => FormattableString.Invariant($"derate to {reaction.Current_A:0.###} A"),
            SafetyReaction.Stop => "stop",
            SafetyReaction.EmergencyStop => "emergency stop (latched)",
            _ => "none",
        };
        return $"{id} {condition}: {what} — {description}";
    }
}
