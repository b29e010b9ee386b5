using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ChargeTwin.FirmwareInterface.Can;

/// <summary>
/// One classic CAN frame as it travels through transports, logs and the E2E supervisor.
/// A value type with its eight data bytes inline, so passing frames around allocates nothing.
/// </summary>
/// <remarks>
/// <see cref="Dlc"/> is the raw data length code (0..15) as a bus would deliver it; a classic
/// frame carries at most eight bytes, so <see cref="DataLength"/> is min(DLC, 8). Keeping the raw
/// DLC lets the supervisor count a wrong DLC instead of losing the information.
/// </remarks>
public struct CanFrame
{
    /// <summary>The largest standard (11-bit) identifier.</summary>
    public const uint MaxStandardId = 0x7FF;

    /// <summary>The largest extended (29-bit) identifier.</summary>
    public const uint MaxExtendedId = 0x1FFF_FFFF;

    private CanPayload _data;

    /// <summary>The identifier without flags (11 or 29 bits).</summary>
    public uint Id;

    /// <summary>Raw data length code, 0..15.</summary>
    public byte Dlc;

    /// <summary>Extended (29-bit), remote and error flags.</summary>
    public CanFrameFlags Flags;

    /// <summary>When the frame was sent or received, in nanoseconds of the caller's clock.</summary>
    public long TimestampNs;

    /// <summary>Builds a data frame from an identifier and up to eight bytes.</summary>
    public CanFrame(uint id, ReadOnlySpan<byte> data, bool extended = false, long timestampNs = 0)
    {
        if (data.Length > CanPayload.Capacity)
        {
            throw new ArgumentException($"a classic CAN frame carries at most 8 bytes, got {data.Length}", nameof(data));
        }

        Id = id;
        Dlc = (byte)data.Length;
        Flags = extended ? CanFrameFlags.Extended : CanFrameFlags.None;
        TimestampNs = timestampNs;
        data.CopyTo(_data);
    }

    /// <summary>All eight data bytes (bytes past <see cref="DataLength"/> are zero on frames we build).</summary>
    [UnscopedRef]
    public Span<byte> Data => _data;

    /// <summary>The bytes the frame actually carries: the first <see cref="DataLength"/> of <see cref="Data"/>.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Payload => ((ReadOnlySpan<byte>)_data)[..DataLength];

    /// <summary>Number of data bytes carried: min(DLC, 8).</summary>
    public readonly int DataLength => Dlc > CanPayload.Capacity ? CanPayload.Capacity : Dlc;

    /// <summary>True for a 29-bit identifier.</summary>
    public readonly bool IsExtended => (Flags & CanFrameFlags.Extended) != 0;

    /// <summary>True for a remote transmission request or error frame, which carry no signals.</summary>
    public readonly bool IsDataFrame => (Flags & (CanFrameFlags.Remote | CanFrameFlags.Error)) == 0;

    /// <summary>True when the identifier fits its format and the DLC is 0..8.</summary>
    public readonly bool IsWellFormed => Id <= (IsExtended ? MaxExtendedId : MaxStandardId) && Dlc <= CanPayload.Capacity;
}

/// <summary>The eight data bytes of a classic CAN frame, stored inline.</summary>
[InlineArray(Capacity)]
public struct CanPayload
{
    /// <summary>Bytes in a classic CAN frame.</summary>
    public const int Capacity = 8;

    private byte _element0;
}
