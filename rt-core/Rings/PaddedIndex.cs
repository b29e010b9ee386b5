using System.Runtime.InteropServices;

namespace ChargeTwin.RtCore.Rings;

/// <summary>A ring index alone on its cache line (with a line of padding either side), so two threads' writes do not contend.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedIndex
{
    [FieldOffset(64)]
    public long Value;
}
