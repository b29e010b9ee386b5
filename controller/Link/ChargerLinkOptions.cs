namespace ChargeTwin.Controller.Link;

/// <summary>How the controller's CAN link runs: its control period and what it asks of the power stage's ramp.</summary>
/// <param name="ControlPeriodNs">How often the controller's <c>Step</c> runs; the link itself runs every tick (10 ms).</param>
/// <param name="RampRate_APerS">The current ramp rate every setpoint asks for (<c>SP_CurrentRampRate</c>).</param>
/// <param name="MaxLostFrames">Counter gaps the E2E supervision accepts as lost frames rather than a jump.</param>
public sealed record ChargerLinkOptions(long ControlPeriodNs, double RampRate_APerS, int MaxLostFrames = 1)
{
    /// <summary>Protocol version sent in <c>CTRL_Heartbeat</c> (the DBC's VERSION, major).</summary>
    public byte ProtocolVersion { get; init; } = 2;
}
