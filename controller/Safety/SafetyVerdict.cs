using ChargeTwin.Controller.Contract;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The safety monitor's word for this tick: the reaction in force, the current it allows (charge positive; 0 for
/// <see cref="SafetyReaction.Stop"/> and <see cref="SafetyReaction.EmergencyStop"/>, +∞ when it sets no limit), the
/// diagnosis row that caused it (its id is what the safety case cites; null when none is active), that row's cause
/// as one line, and the state-of-safety indicator (0 = nominal … 1 = at the emergency threshold). A value whose
/// strings come from the loaded table: producing one allocates nothing.
/// </summary>
public readonly record struct SafetyVerdict(SafetyReaction Reaction, double CurrentLimit_A, string? DiagnosisId, string Cause, double StateOfSafety)
{
    public static SafetyVerdict Nominal { get; } = new(SafetyReaction.None, double.PositiveInfinity, null, "", 0);

    /// <summary>True when the monitor sets no limit.</summary>
    public bool IsNominal => Reaction == SafetyReaction.None;

    /// <summary>
    /// The setpoint sent: the session's, limited by this verdict — the monitor always wins. A stop is output off; a
    /// derate caps the current (its cause becomes the reason when it binds). Allocates nothing.
    /// </summary>
    public Setpoint Limit(in Setpoint session) => Reaction switch
    {
        SafetyReaction.None => session,
        SafetyReaction.Derate when session.CurrentLimit_A <= CurrentLimit_A => session,
        SafetyReaction.Derate => session with { CurrentLimit_A = CurrentLimit_A, Reason = Cause },
        _ => Setpoint.Off(Cause),
    };
}
