namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>SP_Mode: what the power stage is asked to do (VAL_ of the DBC).</summary>
public enum PowerStageMode
{
    /// <summary>Output off.</summary>
    Off = 0,

    /// <summary>Charge, regulating current up to the current limit and voltage up to the voltage limit.</summary>
    ChargeCcCv = 1,

    /// <summary>Low-current precharge / preconditioning.</summary>
    Precharge = 2,

    /// <summary>Discharge (negative current limit).</summary>
    Discharge = 3,
}
