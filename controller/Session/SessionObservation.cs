using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// Everything the session's conditions read in one period, filled in place by <see cref="SessionController"/> (or by a
/// test): the charge time, the monitor's reaction, the link, the measurement and the inner controller's insight.
/// </summary>
public struct SessionObservation
{
    /// <summary>Time since the charge began [s] (the session's timers run on it).</summary>
    public double Time_s;

    /// <summary>The monitor's verdict in force.</summary>
    public SafetyReaction Reaction;

    /// <summary>The power stage's status and heartbeat arrive (the host's supervision).</summary>
    public bool PowerStageLinkAlive;

    public double Voltage_V;
    public double Current_A;
    public double Temperature_K;
    public double StackPressure_Pa;

    /// <summary>Plating evidence as a fraction of its alarm threshold (0 when the inner controller has none).</summary>
    public double PlatingEvidence;
}
