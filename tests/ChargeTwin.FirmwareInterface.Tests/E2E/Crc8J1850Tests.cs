using System.Text;
using ChargeTwin.FirmwareInterface.E2E;

namespace ChargeTwin.FirmwareInterface.Tests.E2E;

public sealed class Crc8J1850Tests
{
    [Fact]
    public void CheckValue_Of123456789_Is0x4B()
        => Assert.Equal(0x4B, Crc8J1850.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Table_MatchesTheBitwiseDefinition()
    {
        var rng = new Random(7);
        var data = new byte[13];
        for (int i = 0; i < 200; i++)
        {
            rng.NextBytes(data);
            Assert.Equal(ReferenceCrc.BitwiseJ1850(data), Crc8J1850.Compute(data));
        }
    }

    [Fact]
    public void SingleBitFlip_AlwaysChangesTheCrc()
    {
        var data = new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
        byte crc = Crc8J1850.Compute(data);
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(crc, Crc8J1850.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}

/// <summary>An independent, slow, bit-by-bit CRC-8 J1850 for cross-checking.</summary>
internal static class ReferenceCrc
{
    public static byte BitwiseJ1850(ReadOnlySpan<byte> data)
    {
        int crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x1D) & 0xFF : (crc << 1) & 0xFF;
            }
        }

        return (byte)(crc ^ 0xFF);
    }
}
