namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>The ST_Fault* bits of the status frame.</summary>
[Flags]
public enum PowerStageFaults
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>ST_FaultOverCurrent.</summary>
    OverCurrent = 1,

    /// <summary>ST_FaultOverVoltage.</summary>
    OverVoltage = 2,

    /// <summary>ST_FaultOverTemperature.</summary>
    OverTemperature = 4,

    /// <summary>ST_FaultSetpointTimeout: no valid setpoint for 3 cycles.</summary>
    SetpointTimeout = 8,

    /// <summary>ST_FaultSetpointInvalid: the last setpoint failed its E2E check.</summary>
    SetpointInvalid = 16,

    /// <summary>ST_FaultInternal.</summary>
    Internal = 32,
}
