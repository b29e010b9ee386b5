namespace ChargeTwin.Controller.Session;

/// <summary>The charging session's modes (controller/Session/README.md has the diagram and what each does).</summary>
public enum SessionState
{
    /// <summary>No charge: output off, the inner controller not stepped. <see cref="SessionTrigger.Start"/> leaves it (a Stop here is recorded as unhandled).</summary>
    Idle,

    /// <summary>Output off while the power-stage link, the sensors and the limits are checked.</summary>
    Precheck,

    /// <summary>
    /// Superstate of the five modes in which current may flow (Preconditioning, FastCharge, Taper, PlatingRecovery,
    /// Derated): the monitor's Stop and EmergencyStop and the operator's Stop leave any of them. Never the current state.
    /// </summary>
    Charging,

    /// <summary>Too cold to charge usefully: heating requested, current only what the solver admits.</summary>
    Preconditioning,

    /// <summary>Charging at the inner controller's current (times the session's margin after plating recoveries).</summary>
    FastCharge,

    /// <summary>Near the voltage limit: the inner controller's current, until it has fallen below the cut-off for the hold time.</summary>
    Taper,

    /// <summary>Plating evidence crossed its threshold: current cut (optional rest), the session's margin tightened, then resume.</summary>
    PlatingRecovery,

    /// <summary>The monitor says Derate: charge on at no more than its limit.</summary>
    Derated,

    /// <summary>The charge ended: output off.</summary>
    Complete,

    /// <summary>The monitor says Stop: output off with its cause; back to Precheck once it no longer does.</summary>
    Fault,

    /// <summary>The monitor demanded an emergency stop: output off and latched; only the operator's reset leaves it.</summary>
    EmergencyStop,
}
