using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// A square matrix with a banded leading block and a dense border (see <see cref="JacobianLayout"/>),
/// factorised as a banded LU plus a dense Schur complement for the border.
/// </summary>
/// <remarks>
/// <para>Partition the matrix as [A B; C D], with A the BandSize×BandSize band block (Lower sub-, Upper
/// super-diagonals), B the border columns of the band rows, C the border rows of the band columns and D the
/// BorderSize×BorderSize corner. <see cref="Factorize"/> computes A = P·L·U by banded Gaussian elimination with
/// partial pivoting (LAPACK dgbtrf's storage: column-major with Lower extra rows on top for the fill-in of U),
/// applies the same eliminations to B (B' = L⁻¹·Pᵀ·B), solves C' = C·U⁻¹, forms the Schur complement
/// S = D − C'·B' = D − C·A⁻¹·B and factorises it by dense LU with partial pivoting. <see cref="Solve"/> is block
/// elimination: z = L⁻¹Pᵀ r_A, x_D = S⁻¹(r_D − C'z), x_A = U⁻¹(z − B'x_D).</para>
/// <para>Pivoting acts within the band block and within S, not across them: the band block must be nonsingular
/// by itself (true of a DAE Jacobian whose border unknowns are global quantities such as a terminal current).</para>
/// <para>Factorisation is in place: afterwards the matrix holds its factors, and <see cref="Add"/>,
/// <see cref="Get"/> and <see cref="Multiply"/> throw until <see cref="Clear"/>. Nothing is allocated after
/// construction.</para>
/// </remarks>
public sealed class BorderedBandMatrix
{
    private readonly int _size;
    private readonly int _bandSize;
    private readonly int _borderSize;
    private readonly int _lower;
    private readonly int _upper;
    private readonly int _diagonalRow; // storage row of the diagonal: Lower + Upper
    private readonly int _columnStride; // 2·Lower + Upper + 1

    // Band block, column-major: entry (i, j) at j·_columnStride + _diagonalRow + i − j.
    private readonly double[] _band;

    // B: BorderSize columns of length BandSize, entry (i, k) at k·BandSize + i.
    private readonly double[] _borderColumns;

    // C: BorderSize rows of length BandSize, entry (r, j) at r·BandSize + j.
    private readonly double[] _borderRows;

    // D (then S and its LU), row-major BorderSize×BorderSize.
    private readonly double[] _corner;

    private readonly int[] _bandPivots;
    private readonly int[] _cornerPivots;

    private State _state;

    public BorderedBandMatrix(JacobianLayout layout)
    {
        if (layout.Size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout.Size, "Size must be positive.");
        }

        if (layout.BandSize < 0 || layout.BandSize > layout.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout.BandSize, "BandSize must lie in [0, Size].");
        }

        if (layout.Lower < 0 || layout.Upper < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(layout), "Lower and Upper bandwidths must not be negative.");
        }

        Layout = layout;
        _size = layout.Size;
        _bandSize = layout.BandSize;
        _borderSize = layout.BorderSize;
        int maxWidth = Math.Max(_bandSize - 1, 0);
        _lower = Math.Min(layout.Lower, maxWidth);
        _upper = Math.Min(layout.Upper, maxWidth);
        _diagonalRow = _lower + _upper;
        _columnStride = (2 * _lower) + _upper + 1;
        _band = new double[_columnStride * _bandSize];
        _borderColumns = new double[_borderSize * _bandSize];
        _borderRows = new double[_borderSize * _bandSize];
        _corner = new double[_borderSize * _borderSize];
        _bandPivots = new int[_bandSize];
        _cornerPivots = new int[_borderSize];
    }

    public JacobianLayout Layout { get; }

    /// <summary>True after a successful <see cref="Factorize"/> (until <see cref="Clear"/>).</summary>
    public bool IsFactorized => _state == State.Factorized;

    /// <summary>Sets every entry to zero (and forgets a factorisation).</summary>
    public void Clear()
    {
        Array.Clear(_band);
        Array.Clear(_borderColumns);
        Array.Clear(_borderRows);
        Array.Clear(_corner);
        _state = State.Entries;
    }

    /// <summary>Adds to entry (row, col). Throws when both lie in the band block but outside its bandwidth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int row, int col, double value)
    {
        if ((uint)row >= (uint)_size || (uint)col >= (uint)_size)
        {
            ThrowIndexOutOfRange(row, col);
        }

        if (_state != State.Entries)
        {
            ThrowHoldsFactors();
        }

        if (row < _bandSize)
        {
            if (col < _bandSize)
            {
                int offset = row - col;
                if (offset > _lower || -offset > _upper)
                {
                    ThrowOutsideBand(row, col);
                }

                _band[(col * _columnStride) + _diagonalRow + offset] += value;
            }
            else
            {
                _borderColumns[((col - _bandSize) * _bandSize) + row] += value;
            }
        }
        else if (col < _bandSize)
        {
            _borderRows[((row - _bandSize) * _bandSize) + col] += value;
        }
        else
        {
            _corner[((row - _bandSize) * _borderSize) + col - _bandSize] += value;
        }
    }

    /// <summary>Entry (row, col) of the unfactorised matrix (zero outside the structure).</summary>
    public double Get(int row, int col)
    {
        if ((uint)row >= (uint)_size || (uint)col >= (uint)_size)
        {
            ThrowIndexOutOfRange(row, col);
        }

        if (_state != State.Entries)
        {
            ThrowHoldsFactors();
        }

        if (row < _bandSize)
        {
            if (col < _bandSize)
            {
                int offset = row - col;
                return offset > _lower || -offset > _upper ? 0.0 : _band[(col * _columnStride) + _diagonalRow + offset];
            }

            return _borderColumns[((col - _bandSize) * _bandSize) + row];
        }

        return col < _bandSize
            ? _borderRows[((row - _bandSize) * _bandSize) + col]
            : _corner[((row - _bandSize) * _borderSize) + col - _bandSize];
    }

    /// <summary>
    /// LU-factorises in place; false when the matrix is numerically singular (a zero or non-finite pivot in the
    /// band block or in the Schur complement of the border). Calling it again without <see cref="Clear"/> returns
    /// the same answer without work.
    /// </summary>
    public bool Factorize()
    {
        if (_state == State.Factorized)
        {
            return true;
        }

        if (_state == State.Singular)
        {
            return false;
        }

        bool ok = FactorizeBand() && ReduceBorderRows() && FactorizeSchurComplement();
        _state = ok ? State.Factorized : State.Singular;
        return ok;
    }

    /// <summary>Overwrites <paramref name="rhs"/> with the solution x of A x = rhs (after <see cref="Factorize"/>).</summary>
    public void Solve(Span<double> rhs)
    {
        if (_state != State.Factorized)
        {
            throw new InvalidOperationException("Solve needs a successful Factorize first.");
        }

        if (rhs.Length != _size)
        {
            throw new ArgumentException($"The right-hand side has {rhs.Length} entries; the matrix has {_size} rows.", nameof(rhs));
        }

        int nb = _bandSize;
        int m = _borderSize;
        ref double x = ref MemoryMarshal.GetReference(rhs);
        ref double band = ref MemoryMarshal.GetArrayDataReference(_band);

        // z = L⁻¹·Pᵀ·r_A, column by column as the elimination was done.
        for (int j = 0; j < nb; j++)
        {
            int km = Math.Min(_lower, nb - 1 - j);
            int p = _bandPivots[j];
            double t = Unsafe.Add(ref x, p);
            if (p != j)
            {
                Unsafe.Add(ref x, p) = Unsafe.Add(ref x, j);
                Unsafe.Add(ref x, j) = t;
            }

            if (km > 0 && t != 0.0)
            {
                VectorKernels.Axpy(-t, ref Unsafe.Add(ref band, (j * _columnStride) + _diagonalRow + 1), ref Unsafe.Add(ref x, j + 1), km);
            }
        }

        if (m > 0 && nb == 0)
        {
            SolveCorner(rhs);
            return;
        }

        if (m > 0)
        {
            // r_D − C'·z, then S⁻¹.
            for (int r = 0; r < m; r++)
            {
                Unsafe.Add(ref x, nb + r) -= VectorKernels.Dot(ref _borderRows[r * nb], ref x, nb);
            }

            SolveCorner(rhs.Slice(nb, m));

            // z − B'·x_D.
            for (int k = 0; k < m; k++)
            {
                double xk = Unsafe.Add(ref x, nb + k);
                if (xk != 0.0)
                {
                    VectorKernels.Axpy(-xk, ref _borderColumns[k * nb], ref x, nb);
                }
            }
        }

        // U·x_A = (z − B'·x_D), column-oriented back substitution.
        int kv = _diagonalRow;
        for (int j = nb - 1; j >= 0; j--)
        {
            ref double columnTop = ref Unsafe.Add(ref band, j * _columnStride);
            double xj = Unsafe.Add(ref x, j) / Unsafe.Add(ref columnTop, kv);
            Unsafe.Add(ref x, j) = xj;
            int first = Math.Max(0, j - kv);
            int count = j - first;
            if (count > 0 && xj != 0.0)
            {
                VectorKernels.Axpy(-xj, ref Unsafe.Add(ref columnTop, kv - count), ref Unsafe.Add(ref x, first), count);
            }
        }
    }

    /// <summary>result = A x, on the unfactorised matrix.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        if (_state != State.Entries)
        {
            ThrowHoldsFactors();
        }

        if (x.Length != _size || result.Length != _size)
        {
            throw new ArgumentException($"Multiply needs vectors of length {_size}.");
        }

        int nb = _bandSize;
        int m = _borderSize;
        result.Clear();
        ref double res = ref MemoryMarshal.GetReference(result);
        for (int j = 0; j < nb; j++)
        {
            double xj = x[j];
            if (xj == 0.0)
            {
                continue;
            }

            int first = Math.Max(0, j - _upper);
            int last = Math.Min(nb - 1, j + _lower);
            int storage = (j * _columnStride) + _diagonalRow + first - j;
            VectorKernels.Axpy(xj, ref _band[storage], ref Unsafe.Add(ref res, first), last - first + 1);
        }

        for (int k = 0; k < m; k++)
        {
            double xk = x[nb + k];
            if (xk != 0.0 && nb > 0)
            {
                VectorKernels.Axpy(xk, ref _borderColumns[k * nb], ref res, nb);
            }
        }

        for (int r = 0; r < m; r++)
        {
            double sum = nb > 0 ? VectorKernels.Dot(ref _borderRows[r * nb], ref MemoryMarshal.GetReference(x), nb) : 0.0;
            for (int k = 0; k < m; k++)
            {
                sum += _corner[(r * m) + k] * x[nb + k];
            }

            result[nb + r] = sum;
        }
    }

    /// <summary>Banded LU with partial pivoting of A, carrying the border columns B along as extra right-hand sides.</summary>
    private bool FactorizeBand()
    {
        int nb = _bandSize;
        int m = _borderSize;
        int kl = _lower;
        int kv = _diagonalRow;
        int stride = _columnStride;
        ref double band = ref MemoryMarshal.GetArrayDataReference(_band);
        int lastTouched = 0; // last column that pivot rows so far reach into

        for (int j = 0; j < nb; j++)
        {
            int km = Math.Min(kl, nb - 1 - j);
            int diagonal = (j * stride) + kv;

            // Pivot: largest magnitude in column j, rows j..j+km.
            int p = 0;
            double best = Math.Abs(Unsafe.Add(ref band, diagonal));
            for (int i = 1; i <= km; i++)
            {
                double candidate = Math.Abs(Unsafe.Add(ref band, diagonal + i));
                if (candidate > best)
                {
                    best = candidate;
                    p = i;
                }
            }

            _bandPivots[j] = j + p;
            if (best == 0.0 || !double.IsFinite(best))
            {
                return false;
            }

            lastTouched = Math.Max(lastTouched, Math.Min(j + _upper + p, nb - 1));

            if (p != 0)
            {
                // Swap rows j and j+p in columns j..lastTouched (stride − 1 apart in storage).
                for (int c = j; c <= lastTouched; c++)
                {
                    int at = (c * stride) + kv + j - c;
                    ref double a = ref Unsafe.Add(ref band, at);
                    ref double b = ref Unsafe.Add(ref band, at + p);
                    (a, b) = (b, a);
                }

                for (int k = 0; k < m; k++)
                {
                    int at = (k * nb) + j;
                    (_borderColumns[at], _borderColumns[at + p]) = (_borderColumns[at + p], _borderColumns[at]);
                }
            }

            if (km == 0)
            {
                continue;
            }

            ref double multipliers = ref Unsafe.Add(ref band, diagonal + 1);
            VectorKernels.Scale(1.0 / Unsafe.Add(ref band, diagonal), ref multipliers, km);

            for (int c = j + 1; c <= lastTouched; c++)
            {
                int at = (c * stride) + kv + j - c;
                Debug.Assert(at >= 0 && at + km < _band.Length, "band update out of storage");
                double pivotRowValue = Unsafe.Add(ref band, at);
                if (pivotRowValue != 0.0)
                {
                    VectorKernels.Axpy(-pivotRowValue, ref multipliers, ref Unsafe.Add(ref band, at + 1), km);
                }
            }

            for (int k = 0; k < m; k++)
            {
                int at = (k * nb) + j;
                double pivotRowValue = _borderColumns[at];
                if (pivotRowValue != 0.0)
                {
                    VectorKernels.Axpy(-pivotRowValue, ref multipliers, ref _borderColumns[at + 1], km);
                }
            }
        }

        return true;
    }

    /// <summary>C' = C·U⁻¹ (each border row solves C'·U = C by forward substitution along the columns of U).</summary>
    private bool ReduceBorderRows()
    {
        int nb = _bandSize;
        if (nb == 0)
        {
            return true;
        }

        int kv = _diagonalRow;
        ref double band = ref MemoryMarshal.GetArrayDataReference(_band);
        for (int r = 0; r < _borderSize; r++)
        {
            ref double row = ref _borderRows[r * nb];
            for (int j = 0; j < nb; j++)
            {
                int first = Math.Max(0, j - kv);
                int count = j - first;
                ref double columnTop = ref Unsafe.Add(ref band, j * _columnStride);
                double value = Unsafe.Add(ref row, j);
                if (count > 0)
                {
                    value -= VectorKernels.Dot(ref Unsafe.Add(ref row, first), ref Unsafe.Add(ref columnTop, kv - count), count);
                }

                Unsafe.Add(ref row, j) = value / Unsafe.Add(ref columnTop, kv);
            }
        }

        return true;
    }

    /// <summary>S = D − C'·B', then dense LU with partial pivoting of S in place.</summary>
    private bool FactorizeSchurComplement()
    {
        int nb = _bandSize;
        int m = _borderSize;
        if (m == 0)
        {
            return true;
        }

        if (nb > 0)
        {
            for (int r = 0; r < m; r++)
            {
                for (int k = 0; k < m; k++)
                {
                    _corner[(r * m) + k] -= VectorKernels.Dot(ref _borderRows[r * nb], ref _borderColumns[k * nb], nb);
                }
            }
        }

        for (int j = 0; j < m; j++)
        {
            int p = j;
            double best = Math.Abs(_corner[(j * m) + j]);
            for (int i = j + 1; i < m; i++)
            {
                double candidate = Math.Abs(_corner[(i * m) + j]);
                if (candidate > best)
                {
                    best = candidate;
                    p = i;
                }
            }

            _cornerPivots[j] = p;
            if (best == 0.0 || !double.IsFinite(best))
            {
                return false;
            }

            if (p != j)
            {
                for (int c = 0; c < m; c++)
                {
                    (_corner[(j * m) + c], _corner[(p * m) + c]) = (_corner[(p * m) + c], _corner[(j * m) + c]);
                }
            }

            double inversePivot = 1.0 / _corner[(j * m) + j];
            for (int i = j + 1; i < m; i++)
            {
                double factor = _corner[(i * m) + j] * inversePivot;
                _corner[(i * m) + j] = factor;
                for (int c = j + 1; c < m; c++)
                {
                    _corner[(i * m) + c] -= factor * _corner[(j * m) + c];
                }
            }
        }

        return true;
    }

    private void SolveCorner(Span<double> x)
    {
        int m = _borderSize;
        for (int j = 0; j < m; j++)
        {
            int p = _cornerPivots[j];
            if (p != j)
            {
                (x[j], x[p]) = (x[p], x[j]);
            }
        }

        for (int i = 1; i < m; i++)
        {
            double sum = x[i];
            for (int c = 0; c < i; c++)
            {
                sum -= _corner[(i * m) + c] * x[c];
            }

            x[i] = sum;
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int c = i + 1; c < m; c++)
            {
                sum -= _corner[(i * m) + c] * x[c];
            }

            x[i] = sum / _corner[(i * m) + i];
        }
    }

    private static void ThrowIndexOutOfRange(int row, int col) =>
        throw new ArgumentOutOfRangeException(nameof(row), $"Entry ({row}, {col}) lies outside the matrix.");

    private void ThrowOutsideBand(int row, int col) =>
        throw new ArgumentOutOfRangeException(
            nameof(col),
            $"Entry ({row}, {col}) lies in the band block but outside its bandwidth (Lower {Layout.Lower}, Upper {Layout.Upper}): the model's Jacobian does not match its JacobianLayout.");

    private static void ThrowHoldsFactors() =>
        throw new InvalidOperationException("The matrix holds its LU factors (or a failed factorisation); Clear it before adding, reading or multiplying entries.");

    private enum State
    {
        Entries,
        Factorized,
        Singular,
    }
}
