using System.Buffers.Binary;
using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// The 16-byte encoding of a frame used on UDP: Linux's struct can_frame, with can_id in little endian.
/// Bytes 0..3 can_id (bit 31 EFF, bit 30 RTR, bit 29 ERR), byte 4 len (0..8), byte 5 pad, byte 6 res0,
/// byte 7 len8_dlc (the raw DLC 9..15 when len is 8), bytes 8..15 data.
/// </summary>
public static class CanFrameWireFormat
{
    /// <summary>Bytes per encoded frame.</summary>
    public const int Size = 16;

    private const uint EffFlag = 0x8000_0000;
    private const uint RtrFlag = 0x4000_0000;
    private const uint ErrFlag = 0x2000_0000;

    /// <summary>Writes a frame into 16 bytes.</summary>
    public static void Write(in CanFrame frame, Span<byte> destination)
    {
        uint id = frame.Id & CanFrame.MaxExtendedId;
        if (frame.IsExtended)
        {
            id |= EffFlag;
        }

        if ((frame.Flags & CanFrameFlags.Remote) != 0)
        {
            id |= RtrFlag;
        }

        if ((frame.Flags & CanFrameFlags.Error) != 0)
        {
            id |= ErrFlag;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, id);
        destination[4] = (byte)frame.DataLength;
        destination[5] = 0;
        destination[6] = 0;
        destination[7] = frame.Dlc > CanPayload.Capacity ? frame.Dlc : (byte)0;
        CanFrame copy = frame;
        copy.Data.CopyTo(destination.Slice(8, 8));
    }

    /// <summary>Reads a frame; false when the bytes are not a valid encoding (wrong size, len above 8, bad len8_dlc).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out CanFrame frame)
    {
        frame = default;
        if (source.Length != Size || source[4] > CanPayload.Capacity)
        {
            return false;
        }

        uint raw = BinaryPrimitives.ReadUInt32LittleEndian(source);
        byte dlc = source[4];
        byte len8Dlc = source[7];
        if (len8Dlc != 0)
        {
            if (dlc != CanPayload.Capacity || len8Dlc <= CanPayload.Capacity || len8Dlc > 15)
            {
                return false;
            }

            dlc = len8Dlc;
        }

        frame.Flags = ((raw & EffFlag) != 0 ? CanFrameFlags.Extended : 0)
            | ((raw & RtrFlag) != 0 ? CanFrameFlags.Remote : 0)
            | ((raw & ErrFlag) != 0 ? CanFrameFlags.Error : 0);
        frame.Id = raw & (frame.IsExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId);
        if (!frame.IsExtended && (raw & 0x1FFF_F800) != 0)
        {
            return false;
        }

        frame.Dlc = dlc;
        source.Slice(8, 8).CopyTo(frame.Data);
        return true;
    }
}
