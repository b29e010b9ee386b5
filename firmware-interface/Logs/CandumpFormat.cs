using System.Globalization;
using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Logs;

/// <summary>
/// The can-utils log line, as written by <c>candump -L</c> and read by <c>canplayer</c>, <c>log2asc</c>:
/// <c>(seconds.microseconds) interface ID#DATA</c> (nanosecond timestamps, 9 decimals, are read too). Standard identifiers are 3 hex digits, extended 8;
/// data is upper-case hex without separators; a remote frame is <c>ID#R</c>; a classic frame with a raw
/// DLC of 9..15 gets <c>_X</c> after the data; an error frame is an 8-digit identifier with bit 29
/// (CAN_ERR_FLAG) set. Facts from can-utils lib.c (snprintf_canframe / parse_canframe).
/// </summary>
public static class CandumpFormat
{
    /// <summary>Longest line <see cref="Format"/> writes, beyond the interface name.</summary>
    public const int MaxLineLengthWithoutInterface = 48;

    private const uint ErrFlag = 0x2000_0000;

    /// <summary>Writes one log line (without newline) into <paramref name="destination"/>; returns the characters written.</summary>
    public static int Format(in CanFrame frame, long unixTimeNs, ReadOnlySpan<char> interfaceName, Span<char> destination)
    {
        int p = 0;
        long seconds = unixTimeNs / 1_000_000_000;
        long micros = unixTimeNs % 1_000_000_000 / 1000;
        destination[p++] = '(';
        p += Write(seconds, 10, destination[p..]);
        destination[p++] = '.';
        p += Write(micros, 6, destination[p..]);
        destination[p++] = ')';
        destination[p++] = ' ';
        interfaceName.CopyTo(destination[p..]);
        p += interfaceName.Length;
        destination[p++] = ' ';

        bool error = (frame.Flags & CanFrameFlags.Error) != 0;
        if (frame.IsExtended || error)
        {
            p += Hex(frame.Id | (error ? ErrFlag : 0), 8, destination[p..]);
        }
        else
        {
            p += Hex(frame.Id, 3, destination[p..]);
        }

        destination[p++] = '#';
        if ((frame.Flags & CanFrameFlags.Remote) != 0)
        {
            destination[p++] = 'R';
            return p;
        }

        CanFrame copy = frame;
        ReadOnlySpan<byte> data = copy.Payload;
        foreach (byte b in data)
        {
            p += Hex(b, 2, destination[p..]);
        }

        if (frame.Dlc > CanPayload.Capacity)
        {
            destination[p++] = '_';
            p += Hex(frame.Dlc, 1, destination[p..]);
        }

        return p;
    }

    /// <summary>One log line as a string (convenience for tools; the recorder uses <see cref="Format"/>).</summary>
    public static string FormatLine(in CanFrame frame, long unixTimeNs, string interfaceName)
    {
        Span<char> buffer = stackalloc char[MaxLineLengthWithoutInterface + interfaceName.Length];
        int n = Format(frame, unixTimeNs, interfaceName, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>
    /// Parses one log line. On failure returns false and says what is wrong (without the location).
    /// A trailing direction flag (" R" or " T", written by newer can-utils) is accepted.
    /// </summary>
    public static bool TryParse(string line, out CandumpRecord record, out string? problem)
    {
        record = default;
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 3 or > 4)
        {
            problem = $"expected '(seconds.micros) interface ID#DATA', found {parts.Length} fields";
            return false;
        }

        string ts = parts[0];
        int dot = ts.IndexOf('.', StringComparison.Ordinal);
        int decimals = ts.Length - dot - 2;
        if (ts.Length < 4 || ts[0] != '(' || ts[^1] != ')' || dot < 2 || decimals is not (6 or 9)
            || !long.TryParse(ts.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long sec)
            || !long.TryParse(ts.AsSpan(dot + 1, decimals), NumberStyles.None, CultureInfo.InvariantCulture, out long fraction))
        {
            problem = $"timestamp '{ts}' is not (seconds.fraction) with 6 or 9 decimals";
            return false;
        }

        char direction = '\0';
        if (parts.Length == 4)
        {
            if (parts[3] is not ("R" or "T"))
            {
                problem = $"unexpected '{parts[3]}' after the frame (only a direction flag R or T may follow)";
                return false;
            }

            direction = parts[3][0];
        }

        if (!TryParseFrame(parts[2], out CanFrame frame, out problem))
        {
            return false;
        }

        long unixNs = (sec * 1_000_000_000) + (decimals == 6 ? fraction * 1000 : fraction);
        frame.TimestampNs = unixNs;
        record = new CandumpRecord(unixNs, parts[1], frame, direction);
        return true;
    }

    /// <summary>Parses the <c>ID#DATA</c> part.</summary>
    public static bool TryParseFrame(string text, out CanFrame frame, out string? problem)
    {
        frame = default;
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash is not (3 or 8))
        {
            problem = $"'{text}': identifier must be 3 (standard) or 8 (extended) hex digits before '#'";
            return false;
        }

        if (text.Length > hash + 1 && text[hash + 1] == '#')
        {
            problem = $"'{text}': CAN FD frames (##) are not supported";
            return false;
        }

        if (!uint.TryParse(text.AsSpan(0, hash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id))
        {
            problem = $"'{text[..hash]}' is not a hex identifier";
            return false;
        }

        if (hash == 8)
        {
            frame.Flags = CanFrameFlags.Extended;
            if ((id & ErrFlag) != 0)
            {
                frame.Flags = CanFrameFlags.Error;
                id &= CanFrame.MaxStandardId | 0x1FFF_F800;
            }
            else if (id > CanFrame.MaxExtendedId)
            {
                problem = $"extended identifier {text[..hash]} is larger than 29 bits";
                return false;
            }
        }
        else if (id > CanFrame.MaxStandardId)
        {
            problem = $"standard identifier {text[..hash]} is larger than 0x7FF";
            return false;
        }

        frame.Id = id;
        string data = text[(hash + 1)..];
        if (data.StartsWith('R'))
        {
            frame.Flags |= CanFrameFlags.Remote;
            if (data.Length == 2 && data[1] is >= '0' and <= '8')
            {
                frame.Dlc = (byte)(data[1] - '0');
            }
            else if (data.Length != 1)
            {
                problem = $"'{data}': a remote frame is 'R' or 'R' and one DLC digit";
                return false;
            }

            problem = null;
            return true;
        }

        int rawDlc = -1;
        int underscore = data.IndexOf('_', StringComparison.Ordinal);
        if (underscore >= 0)
        {
            if (underscore != 16 || data.Length != 18 || !int.TryParse(data.AsSpan(17), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out rawDlc) || rawDlc < 9)
            {
                problem = $"'{data}': '_X' (raw DLC 9..F) may only follow 8 data bytes";
                return false;
            }

            data = data[..16];
        }

        data = data.Replace(".", string.Empty, StringComparison.Ordinal);
        if (data.Length % 2 != 0 || data.Length > 16)
        {
            problem = $"data '{data}' must be 0..8 bytes as pairs of hex digits";
            return false;
        }

        for (int i = 0; i < data.Length / 2; i++)
        {
            if (!byte.TryParse(data.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
            {
                problem = $"data byte '{data.Substring(i * 2, 2)}' is not hex";
                return false;
            }

            frame.Data[i] = b;
        }

        frame.Dlc = (byte)(rawDlc > 0 ? rawDlc : data.Length / 2);
        problem = null;
        return true;
    }

    private static int Write(long value, int digits, Span<char> destination)
    {
        value.TryFormat(destination, out int written, digits == 6 ? "D6" : "D10", CultureInfo.InvariantCulture);
        return written;
    }

    private static int Hex(uint value, int digits, Span<char> destination)
    {
        for (int i = digits - 1; i >= 0; i--)
        {
            destination[i] = "0123456789ABCDEF"[(int)(value & 0xF)];
            value >>= 4;
        }

        return digits;
    }
}
