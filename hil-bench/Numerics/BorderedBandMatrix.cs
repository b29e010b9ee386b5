namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// A square matrix with a banded leading block and a dense border (see <see cref="JacobianLayout"/>),
/// factorised as a banded LU plus a dense Schur complement for the border.
/// PLACEHOLDER: the public surface is fixed; the implementation is to be written.
/// </summary>
public sealed class BorderedBandMatrix
{
    public BorderedBandMatrix(JacobianLayout layout) => Layout = layout;

    public JacobianLayout Layout { get; }

    /// <summary>Sets every entry to zero (and forgets a factorisation).</summary>
    public void Clear() => throw new NotImplementedException();

    /// <summary>Adds to entry (row, col). Throws when both lie in the band block but outside its bandwidth.</summary>
    public void Add(int row, int col, double value) => throw new NotImplementedException();

    /// <summary>Entry (row, col) of the unfactorised matrix (zero outside the structure).</summary>
    public double Get(int row, int col) => throw new NotImplementedException();

    /// <summary>LU-factorises in place; false when the matrix is numerically singular.</summary>
    public bool Factorize() => throw new NotImplementedException();

    /// <summary>Overwrites <paramref name="rhs"/> with the solution x of A x = rhs (after <see cref="Factorize"/>).</summary>
    public void Solve(Span<double> rhs) => throw new NotImplementedException();

    /// <summary>result = A x, on the unfactorised matrix.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result) => throw new NotImplementedException();
}
