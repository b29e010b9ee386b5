namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The safety monitor as the link sees it: one tick per monitor period (10 ms), independent of the twin and the
/// solver. The setpoint sent is min(session, verdict): the monitor always wins. <see cref="Tick"/> allocates nothing.
/// </summary>
public interface ISafetyMonitor
{
    /// <summary>Watches this tick's inputs and returns the verdict in force (latched reactions stay until reset).</summary>
    SafetyVerdict Tick(in SafetyInputs inputs);

    /// <summary>The verdict in force since the last tick.</summary>
    SafetyVerdict Verdict { get; }

    /// <summary>The operator's explicit reset: clears latched reactions whose cause is no longer present.</summary>
    void Reset();
}
