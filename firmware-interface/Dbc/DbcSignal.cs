using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>
/// One signal of a DBC message, with its bit layout resolved once at load time so that
/// <see cref="Encode"/> and <see cref="Decode"/> are a few shifts on a 64-bit word and allocate nothing.
/// </summary>
/// <remarks>
/// Layout rule (the usual DBC convention): the eight payload bytes are read as one 64-bit word,
/// little endian for Intel signals and big endian for Motorola signals. For Intel the start bit is
/// the position of the least significant bit; for Motorola the start bit names the most significant
/// bit as byte*8 + bit-in-byte (bit 7 is the top of a byte), and the signal runs towards later bytes.
/// </remarks>
public sealed class DbcSignal
{
    private readonly int _shift;
    private readonly ulong _mask;

    internal DbcSignal(
        string name,
        int startBit,
        int length,
        DbcByteOrder byteOrder,
        bool isSigned,
        double factor,
        double offset,
        double minimum,
        double maximum,
        string unit,
        IReadOnlyList<string> receivers,
        int line)
    {
        Name = name;
        StartBit = startBit;
        Length = length;
        ByteOrder = byteOrder;
        IsSigned = isSigned;
        Factor = factor;
        Offset = offset;
        Minimum = minimum;
        Maximum = maximum;
        Unit = unit;
        Receivers = receivers;
        Line = line;
        _mask = length == 64 ? ulong.MaxValue : (1UL << length) - 1;
        _shift = byteOrder == DbcByteOrder.LittleEndian ? startBit : MotorolaMsbPosition(startBit) - length + 1;
        RawMinimum = isSigned ? (length == 64 ? long.MinValue : -(1L << (length - 1))) : 0;
        RawMaximum = isSigned ? (length == 64 ? long.MaxValue : (1L << (length - 1)) - 1) : (length >= 63 ? long.MaxValue : (1L << length) - 1);
    }

    /// <summary>Signal name.</summary>
    public string Name { get; }

    /// <summary>Start bit as written in the DBC.</summary>
    public int StartBit { get; }

    /// <summary>Length in bits, 1..64.</summary>
    public int Length { get; }

    /// <summary>Intel or Motorola.</summary>
    public DbcByteOrder ByteOrder { get; }

    /// <summary>True for '-' (two's complement raw value).</summary>
    public bool IsSigned { get; }

    /// <summary>physical = raw * Factor + Offset.</summary>
    public double Factor { get; }

    /// <summary>physical = raw * Factor + Offset.</summary>
    public double Offset { get; }

    /// <summary>Smallest physical value the sender may send (DBC [min|max]).</summary>
    public double Minimum { get; }

    /// <summary>Largest physical value the sender may send (DBC [min|max]).</summary>
    public double Maximum { get; }

    /// <summary>Physical unit text.</summary>
    public string Unit { get; }

    /// <summary>Receiving nodes.</summary>
    public IReadOnlyList<string> Receivers { get; }

    /// <summary>Line of the SG_ in the DBC file.</summary>
    public int Line { get; }

    /// <summary>CM_ SG_ comment, or empty.</summary>
    public string Comment { get; internal set; } = string.Empty;

    /// <summary>VAL_ descriptions (raw value → text); empty when the signal has none.</summary>
    public IReadOnlyDictionary<long, string> ValueDescriptions { get; internal set; } = new Dictionary<long, string>();

    /// <summary>BA_ values set on this signal (attribute name → value text).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Smallest raw value the bit field holds.</summary>
    public long RawMinimum { get; }

    /// <summary>Largest raw value the bit field holds.</summary>
    public long RawMaximum { get; }

    /// <summary>Lowest payload byte index the signal touches.</summary>
    public int FirstByte => ByteOrder == DbcByteOrder.LittleEndian ? StartBit / 8 : StartBit / 8;

    /// <summary>Highest payload byte index the signal touches.</summary>
    public int LastByte => ByteOrder == DbcByteOrder.LittleEndian ? (StartBit + Length - 1) / 8 : 7 - (_shift / 8);

    /// <summary>Bit position of the signal's least significant bit in the 64-bit word described in the remarks.</summary>
    internal int WordShift => _shift;

    /// <summary>The signal's bits in that word.</summary>
    internal ulong WordMask => _mask << _shift;

    /// <summary>Reads the raw value (sign-extended for signed signals). Shorter payloads read as zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long GetRaw(ReadOnlySpan<byte> payload)
    {
        ulong bits = (ReadWord(payload) >> _shift) & _mask;
        if (IsSigned && Length < 64 && (bits >> (Length - 1)) != 0)
        {
            bits |= ~_mask;
        }

        return (long)bits;
    }

    /// <summary>Writes a raw value into the payload (saturated to the bit field), leaving other bits untouched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetRaw(Span<byte> payload, long raw)
    {
        raw = Math.Clamp(raw, RawMinimum, RawMaximum);
        ulong word = ReadWord(payload);
        word = (word & ~(_mask << _shift)) | (((ulong)raw & _mask) << _shift);
        WriteWord(payload, word);
    }

    /// <summary>Physical value of the signal: raw * factor + offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Decode(ReadOnlySpan<byte> payload) => (GetRaw(payload) * Factor) + Offset;

    /// <summary>
    /// Writes a physical value. It is saturated to the DBC [min|max] (when min &lt; max) and to the bit
    /// field, then rounded to the nearest raw step. NaN is written as 0 (saturated into the range).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encode(Span<byte> payload, double physical) => SetRaw(payload, ToRaw(physical));

    /// <summary>
    /// True when <paramref name="physical"/> can be sent as it is: a number inside the DBC [min|max] (when min &lt; max;
    /// half a raw step beyond counts as inside, it rounds onto the limit) that the bit field holds after rounding.
    /// <see cref="Encode"/> saturates whatever does not fit; a sender that must not clip silently checks this first.
    /// </summary>
    public bool Fits(double physical)
    {
        if (!double.IsFinite(physical))
        {
            return false;
        }

        double halfStep = 0.5 * Math.Abs(Factor);
        if (Minimum < Maximum && (physical < Minimum - halfStep || physical > Maximum + halfStep))
        {
            return false;
        }

        double raw = RoundToRaw(physical);
        return raw >= RawMinimum && raw <= RawMaximum;
    }

    /// <summary>The nearest raw step of a physical value, half away from zero (not yet limited to the bit field).</summary>
    private double RoundToRaw(double physical) => Math.Round((physical - Offset) / Factor, MidpointRounding.AwayFromZero);

    /// <summary>The raw value <see cref="Encode"/> would write for a physical value.</summary>
    public long ToRaw(double physical)
    {
        if (double.IsNaN(physical))
        {
            physical = 0;
        }

        if (Minimum < Maximum)
        {
            physical = Math.Clamp(physical, Minimum, Maximum);
        }

        double raw = RoundToRaw(physical);
        if (raw <= RawMinimum)
        {
            return RawMinimum;
        }

        return raw >= RawMaximum ? RawMaximum : (long)raw;
    }

    /// <summary>Physical value of a raw value.</summary>
    public double ToPhysical(long raw) => (raw * Factor) + Offset;

    /// <inheritdoc />
    public override string ToString() => $"{Name} {StartBit}|{Length}@{(int)ByteOrder}{(IsSigned ? '-' : '+')}";

    /// <summary>Position of a Motorola start bit in the big-endian 64-bit word.</summary>
    internal static int MotorolaMsbPosition(int startBit) => ((7 - (startBit / 8)) * 8) + (startBit % 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadWord(ReadOnlySpan<byte> payload)
    {
        if (payload.Length >= 8)
        {
            return ByteOrder == DbcByteOrder.LittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(payload) : BinaryPrimitives.ReadUInt64BigEndian(payload);
        }

        return ReadShortWord(payload);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteWord(Span<byte> payload, ulong word)
    {
        if (payload.Length >= 8)
        {
            if (ByteOrder == DbcByteOrder.LittleEndian)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(payload, word);
            }
            else
            {
                BinaryPrimitives.WriteUInt64BigEndian(payload, word);
            }

            return;
        }

        WriteShortWord(payload, word);
    }

    // Payloads shorter than 8 bytes (DLC < 8) go through a zero-padded copy; kept out of line so the
    // 8-byte path above inlines (a method with stackalloc is never inlined).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong ReadShortWord(ReadOnlySpan<byte> payload)
    {
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        payload.CopyTo(padded);
        return ByteOrder == DbcByteOrder.LittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(padded) : BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteShortWord(Span<byte> payload, ulong word)
    {
        Span<byte> padded = stackalloc byte[8];
        if (ByteOrder == DbcByteOrder.LittleEndian)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(padded, word);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(padded, word);
        }

        padded[..payload.Length].CopyTo(payload);
    }
}
