namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>
/// CRC-8 SAE J1850, the CRC of AUTOSAR E2E profile 1: polynomial 0x1D, initial value 0xFF,
/// no reflection, final XOR 0xFF; check value 0x4B for the ASCII bytes "123456789".
/// Table driven, allocation free.
/// </summary>
public static class Crc8J1850
{
    /// <summary>Generator polynomial x^8 + x^4 + x^3 + x^2 + 1.</summary>
    public const byte Polynomial = 0x1D;

    /// <summary>Register value before the first byte.</summary>
    public const byte InitialValue = 0xFF;

    /// <summary>Value XORed into the register after the last byte.</summary>
    public const byte FinalXor = 0xFF;

    private static readonly byte[] s_table = BuildTable();

    /// <summary>CRC of a whole buffer.</summary>
    public static byte Compute(ReadOnlySpan<byte> data) => (byte)(Update(InitialValue, data) ^ FinalXor);

    /// <summary>Feeds bytes into a running register (start with <see cref="InitialValue"/>, finish with XOR <see cref="FinalXor"/>).</summary>
    public static byte Update(byte register, ReadOnlySpan<byte> data)
    {
        byte[] table = s_table;
        foreach (byte b in data)
        {
            register = table[register ^ b];
        }

        return register;
    }

    /// <summary>Feeds one byte into a running register.</summary>
    public static byte Update(byte register, byte data) => s_table[register ^ data];

    private static byte[] BuildTable()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int r = i;
            for (int bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80) != 0 ? ((r << 1) ^ Polynomial) & 0xFF : (r << 1) & 0xFF;
            }

            table[i] = (byte)r;
        }

        return table;
    }
}
