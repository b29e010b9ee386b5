namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Structure of a bordered banded Jacobian: unknowns [0, BandSize) form a band with
/// <paramref name="Lower"/> sub- and <paramref name="Upper"/> super-diagonals; unknowns
/// [BandSize, Size) are global ("border") unknowns that may couple densely to every other
/// unknown, in their rows and in their columns.
/// </summary>
public readonly record struct JacobianLayout(int Size, int BandSize, int Lower, int Upper)
{
    public int BorderSize => Size - BandSize;
}
