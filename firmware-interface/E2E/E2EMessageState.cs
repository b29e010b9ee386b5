namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>Freshness of one received message.</summary>
public enum E2EMessageState
{
    /// <summary>No frame yet, and the start-up grace (one timeout) has not run out.</summary>
    NoData,

    /// <summary>The last frame was accepted and is fresh.</summary>
    Valid,

    /// <summary>The last frame was rejected; the last good value is still within its timeout.</summary>
    Invalid,

    /// <summary>No valid frame for longer than the timeout.</summary>
    Timeout,
}
