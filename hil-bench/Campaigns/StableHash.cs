using System.Security.Cryptography;
using System.Text;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Stable identifiers and seeds: SHA-256 of canonical text.</summary>
public static class StableHash
{
    /// <summary>The first <paramref name="hexDigits"/> hex digits of SHA-256 of the UTF-8 text.</summary>
    public static string Hex(string text, int hexDigits = 12)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash)[..hexDigits];
    }

    /// <summary>64 bits of SHA-256 of the UTF-8 text.</summary>
    public static ulong UInt64(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
