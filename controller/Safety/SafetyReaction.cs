namespace ChargeTwin.Controller.Safety;

/// <summary>What the safety monitor makes the charge do, in rising order of severity (a larger value always wins).</summary>
public enum SafetyReaction
{
    /// <summary>Nothing wrong: the session's own setpoint stands.</summary>
    None,

    /// <summary>Charge on, at no more than the verdict's current limit.</summary>
    Derate,

    /// <summary>Output off; the session may resume once the cause has cleared (a recoverable fault).</summary>
    Stop,

    /// <summary>Output off and latched: only an explicit operator reset leaves it.</summary>
    EmergencyStop,
}
