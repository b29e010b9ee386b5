using System.Runtime.InteropServices;

namespace ChargeTwin.RtCore.Linux;

/// <summary>struct timespec on 64-bit Linux (x86-64 and AArch64: 64-bit time_t and long).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;

    public static Timespec FromNs(long ns) => new() { Seconds = ns / 1_000_000_000L, Nanoseconds = ns % 1_000_000_000L };

    public readonly long ToNs() => (Seconds * 1_000_000_000L) + Nanoseconds;
}
