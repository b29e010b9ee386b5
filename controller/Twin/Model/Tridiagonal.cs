namespace ChargeTwin.Controller.Twin.Model;

/// <summary>Thomas algorithm on spans (diagonally dominant systems: no pivoting), allocation-free.</summary>
internal static class Tridiagonal
{
    /// <summary>
    /// Solves A z = b in place for two right-hand sides (<paramref name="first"/>, <paramref name="second"/>) with
    /// A given by <paramref name="lower"/> (lower[0] unused), <paramref name="diagonal"/> and <paramref name="upper"/>
    /// (upper[n−1] unused); <paramref name="work"/> holds n scratch values. <paramref name="second"/> may be empty.
    /// </summary>
    public static void Solve(ReadOnlySpan<double> lower, ReadOnlySpan<double> diagonal, ReadOnlySpan<double> upper, Span<double> first, Span<double> second, Span<double> work)
    {
        var n = diagonal.Length;
        var two = !second.IsEmpty;
        var pivot = diagonal[0];
        first[0] /= pivot;
        if (two)
        {
            second[0] /= pivot;
        }

        for (var k = 1; k < n; k++)
        {
            work[k] = upper[k - 1] / pivot;
            pivot = diagonal[k] - (lower[k] * work[k]);
            first[k] = (first[k] - (lower[k] * first[k - 1])) / pivot;
            if (two)
            {
                second[k] = (second[k] - (lower[k] * second[k - 1])) / pivot;
            }
        }

        for (var k = n - 2; k >= 0; k--)
        {
            first[k] -= work[k + 1] * first[k + 1];
            if (two)
            {
                second[k] -= work[k + 1] * second[k + 1];
            }
        }
    }
}
