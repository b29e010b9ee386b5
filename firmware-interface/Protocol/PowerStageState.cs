namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>ST_State: what the power stage is doing (VAL_ of the DBC).</summary>
public enum PowerStageState
{
    /// <summary>Starting up.</summary>
    Init = 0,

    /// <summary>Output off, ready.</summary>
    Standby = 1,

    /// <summary>Ramping the current towards the setpoint.</summary>
    Ramping = 2,

    /// <summary>Regulating current.</summary>
    ConstantCurrent = 3,

    /// <summary>Regulating voltage.</summary>
    ConstantVoltage = 4,

    /// <summary>Limiting below the setpoint (for example on heatsink temperature).</summary>
    Derating = 5,

    /// <summary>No valid setpoint for 3 cycles: ramping the current to zero.</summary>
    SafeRampDown = 6,

    /// <summary>Latched fault, output off.</summary>
    Fault = 7,
}
