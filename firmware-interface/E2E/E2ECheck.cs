namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>The outcome of supervising one received frame, or a timeout. Every frame gets exactly one.</summary>
public enum E2ECheck
{
    /// <summary>Known message, right DLC, CRC good, counter one step on (or the first frame).</summary>
    Ok = 0,

    /// <summary>Accepted, but the counter skipped ahead within the allowed gap: frames were lost.</summary>
    OkSomeLost,

    /// <summary>Remote or error frame: carries no signals.</summary>
    NotDataFrame,

    /// <summary>Identifier too large for its format, or DLC above 8 for an identifier we do not know.</summary>
    MalformedFrame,

    /// <summary>Identifier is not in the DBC.</summary>
    UnknownId,

    /// <summary>DLC differs from the DBC's length for this message.</summary>
    WrongDlc,

    /// <summary>CRC does not match payload and data id.</summary>
    CrcError,

    /// <summary>Alive counter is 15, which is never sent.</summary>
    InvalidCounter,

    /// <summary>Same counter as the last accepted frame: the sender is stuck or the frame repeated.</summary>
    RepeatedCounter,

    /// <summary>Counter jumped further than the allowed gap; the frame is rejected and the counter resynchronised.</summary>
    CounterJump,

    /// <summary>No valid frame for longer than the message's MsgTimeoutTime (reported by <see cref="E2ESupervisor.Check"/>).</summary>
    Timeout,
}
