namespace ChargeTwin.FirmwareInterface.Can;

/// <summary>Frame format flags, as SocketCAN carries them in the top bits of can_id.</summary>
[Flags]
public enum CanFrameFlags : byte
{
    /// <summary>A standard (11-bit) data frame.</summary>
    None = 0,

    /// <summary>29-bit identifier (SocketCAN CAN_EFF_FLAG).</summary>
    Extended = 1,

    /// <summary>Remote transmission request (CAN_RTR_FLAG): no data.</summary>
    Remote = 2,

    /// <summary>Error frame (CAN_ERR_FLAG).</summary>
    Error = 4,
}
