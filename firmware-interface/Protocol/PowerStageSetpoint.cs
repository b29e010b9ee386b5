namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>Controller → power stage (PS_Setpoint). Values outside the DBC ranges are saturated when encoded.</summary>
/// <param name="CurrentLimit_A">Largest current the power stage may deliver; positive charges the cell.</param>
/// <param name="VoltageLimit_V">Output voltage the power stage must not exceed.</param>
/// <param name="Enable">False: output off, current ramps to zero.</param>
/// <param name="Mode">What the power stage is asked to do.</param>
/// <param name="CurrentRampRate_A_per_s">Largest rate of change of the output current.</param>
public readonly record struct PowerStageSetpoint(
    double CurrentLimit_A,
    double VoltageLimit_V,
    bool Enable,
    PowerStageMode Mode,
    double CurrentRampRate_A_per_s);
