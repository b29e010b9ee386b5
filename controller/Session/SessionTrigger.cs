namespace ChargeTwin.Controller.Session;

/// <summary>
/// What moves the session: three operator commands, and the conditions the session evaluates every period in plain
/// code (each fired only when it holds and the current state has a transition for it — see <see cref="ChargingSession"/>).
/// Declared in the order the session tries them: the monitor's reactions first.
/// </summary>
public enum SessionTrigger
{
    /// <summary>The monitor's verdict is EmergencyStop.</summary>
    Emergency,

    /// <summary>The monitor's verdict is Stop.</summary>
    SafetyStop,

    /// <summary>The monitor's verdict is no longer Stop or EmergencyStop.</summary>
    FaultCleared,

    /// <summary>Power-stage link alive, sensors plausible, limits loaded.</summary>
    PrecheckPassed,

    /// <summary>The monitor's verdict is Derate.</summary>
    Derate,

    /// <summary>The monitor's verdict is nominal again.</summary>
    DerateCleared,

    /// <summary>Plating evidence crossed its threshold (re-armed once it has fallen back).</summary>
    PlatingDetected,

    /// <summary>The recovery's rest is over.</summary>
    RecoveryDone,

    /// <summary>The cell is below the preconditioning temperature.</summary>
    TooCold,

    /// <summary>The cell has warmed to the fast-charge temperature.</summary>
    Warmed,

    /// <summary>The measured voltage is near the cell's limit.</summary>
    NearVoltageLimit,

    /// <summary>The current has stayed below the cut-off for the hold time.</summary>
    Tapered,

    /// <summary>Operator: begin a charge.</summary>
    Start,

    /// <summary>Operator: end the charge.</summary>
    Stop,

    /// <summary>Operator: explicit reset of a latched emergency stop.</summary>
    Reset,
}
