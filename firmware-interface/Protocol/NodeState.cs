namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>HB*_NodeState of a heartbeat.</summary>
public enum NodeState
{
    /// <summary>Starting.</summary>
    Booting = 0,

    /// <summary>Working normally.</summary>
    Operational = 1,

    /// <summary>Working with reduced function.</summary>
    Degraded = 2,

    /// <summary>Faulted.</summary>
    Fault = 3,
}
