namespace ChargeTwin.HilBench.Faults;

/// <summary>Which way the frames a frame fault acts on travel.</summary>
[Flags]
public enum FrameDirection
{
    /// <summary>Bench → controller: the cell front end's CM frames and the power stage's PS_Status and PS_Heartbeat.</summary>
    ToController = 1,

    /// <summary>Controller → power stage: PS_Setpoint and CTRL_Heartbeat.</summary>
    ToPowerStage = 2,

    Both = ToController | ToPowerStage,
}
