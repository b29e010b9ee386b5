using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// One row of the decision log: at a control instant (<paramref name="Decided"/>), whenever the setpoint that went
/// out changed (the monitor's reaction, a safe stop), and whenever the loop's overrun or skipped-release count grew —
/// the rows a replay cannot reproduce begin there, since the frames do not hold the loop's timing. Strings are references the controller already holds: writing a
/// record into the ring allocates nothing.
/// </summary>
public readonly record struct DecisionRecord(
    long TimeNs,
    bool Decided,
    SessionState State,
    MeasuredSample Measured,
    Setpoint Decision,
    Setpoint Sent,
    SafetyReaction Reaction,
    string? DiagnosisId,
    Estimate Soc,
    long Overruns,
    long SkippedReleases);
