using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class BorderedBandMatrixTests
{
    public static TheoryData<int, int, int, int> Layouts => new()
    {
        { 50, 50, 2, 3 },     // band only
        { 40, 37, 4, 2 },     // border of 3
        { 30, 29, 1, 1 },     // tridiagonal plus one border unknown
        { 12, 10, 0, 0 },     // diagonal band block
        { 20, 18, 26, 26 },   // bandwidth wider than the block (clamped, effectively dense)
        { 6, 0, 0, 0 },       // border only: plain dense LU
        { 200, 197, 26, 26 }, // the plant's shape, scaled down
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Solve_MatchesDenseLu_OnRandomDiagonallyDominantSystems(int size, int bandSize, int lower, int upper)
    {
        var layout = new JacobianLayout(size, bandSize, lower, upper);
        var random = new Random(size * 7919 + bandSize);
        var (matrix, dense) = RandomBordered(layout, random, diagonalBoost: 4.0 * (lower + upper + layout.BorderSize + 1));
        AssertSolvesLikeDense(matrix, dense, random, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Solve_MatchesDenseLu_OnRandomGeneralSystemsThatNeedPivoting(int size, int bandSize, int lower, int upper)
    {
        var layout = new JacobianLayout(size, bandSize, lower, upper);
        var random = new Random(size * 104729 + lower);
        // No diagonal dominance at all: elimination without row interchanges meets small or tiny pivots.
        var (matrix, dense) = RandomBordered(layout, random, diagonalBoost: 0.0);
        AssertSolvesLikeDense(matrix, dense, random, 1e-8);
    }

    [Fact]
    public void Factorize_RowInterchanges_AreReallyNeeded_ForAZeroDiagonal()
    {
        // [0 1; 1 0] band block with one border unknown: no diagonal pivot exists without interchanges.
        var matrix = new BorderedBandMatrix(new JacobianLayout(3, 2, 1, 1));
        matrix.Add(0, 1, 1.0);
        matrix.Add(1, 0, 1.0);
        matrix.Add(0, 2, 1.0);
        matrix.Add(2, 0, 2.0);
        matrix.Add(2, 2, 5.0);
        Assert.True(matrix.Factorize());
        var x = new double[] { 2.0, 3.0, 11.0 }; // solution (3, 1, 1)... check: row0: x1 + x2 = 2, row1: x0 = 3, row2: 2x0 + 5x2 = 11
        matrix.Solve(x);
        Assert.Equal(3.0, x[0], 14);
        Assert.Equal(1.0, x[1], 14);
        Assert.Equal(1.0, x[2], 14);
    }

    [Fact]
    public void Add_Throws_ForAnEntryInsideTheBandBlockButOutsideTheBandwidth()
    {
        var matrix = new BorderedBandMatrix(new JacobianLayout(10, 8, 1, 2));
        matrix.Add(3, 2, 1.0);  // first sub-diagonal
        matrix.Add(3, 5, 1.0);  // second super-diagonal
        matrix.Add(0, 9, 1.0);  // border column
        matrix.Add(9, 0, 1.0);  // border row
        matrix.Add(8, 9, 1.0);  // corner
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 6, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(10, 0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(0, -1, 1.0));
    }

    [Fact]
    public void Get_ReturnsTheSumOfWhatWasAdded_AndZeroOutsideTheStructure()
    {
        var matrix = new BorderedBandMatrix(new JacobianLayout(6, 4, 1, 1));
        matrix.Add(1, 2, 1.5);
        matrix.Add(1, 2, 2.0);
        matrix.Add(5, 0, -3.0);
        Assert.Equal(3.5, matrix.Get(1, 2));
        Assert.Equal(-3.0, matrix.Get(5, 0));
        Assert.Equal(0.0, matrix.Get(0, 3));
        matrix.Clear();
        Assert.Equal(0.0, matrix.Get(1, 2));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Multiply_MatchesTheDenseProduct(int size, int bandSize, int lower, int upper)
    {
        var layout = new JacobianLayout(size, bandSize, lower, upper);
        var random = new Random(size + 17);
        var (matrix, dense) = RandomBordered(layout, random, diagonalBoost: 1.0);
        var x = RandomVector(size, random);
        var expected = DenseReference.Multiply(dense, x);
        var actual = new double[size];
        matrix.Multiply(x, actual);
        for (int i = 0; i < size; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }

    [Fact]
    public void Factorize_ReturnsFalse_WhenABandColumnIsZero()
    {
        var layout = new JacobianLayout(12, 10, 2, 2);
        var (matrix, _) = RandomBordered(layout, new Random(3), diagonalBoost: 10.0, zeroBandColumn: 4);
        Assert.False(matrix.Factorize());
        Assert.False(matrix.IsFactorized);
        Assert.Throws<InvalidOperationException>(() => matrix.Solve(new double[12]));
    }

    [Fact]
    public void Factorize_ReturnsFalse_WhenTheBorderMakesTheMatrixSingular()
    {
        // Two identical border rows (in C and D): the Schur complement has two identical rows.
        var layout = new JacobianLayout(9, 7, 1, 1);
        var matrix = new BorderedBandMatrix(layout);
        for (int i = 0; i < 7; i++)
        {
            matrix.Add(i, i, 4.0);
            if (i > 0)
            {
                matrix.Add(i, i - 1, 1.0);
            }

            matrix.Add(i, 7, 0.5);
            matrix.Add(i, 8, 0.25 * i);
            matrix.Add(7, i, 1.0 + i);
            matrix.Add(8, i, 1.0 + i);
        }

        matrix.Add(7, 7, 2.0);
        matrix.Add(7, 8, 3.0);
        matrix.Add(8, 7, 2.0);
        matrix.Add(8, 8, 3.0);
        Assert.False(matrix.Factorize());
    }

    [Fact]
    public void Factorize_ReturnsFalse_ForANonFiniteEntry()
    {
        var matrix = new BorderedBandMatrix(new JacobianLayout(4, 3, 1, 1));
        matrix.Add(0, 0, 1.0);
        matrix.Add(1, 1, double.NaN);
        matrix.Add(2, 2, 1.0);
        matrix.Add(3, 3, 1.0);
        Assert.False(matrix.Factorize());
    }

    [Fact]
    public void Add_Throws_AfterFactorize_UntilCleared()
    {
        var matrix = new BorderedBandMatrix(new JacobianLayout(3, 3, 0, 0));
        for (int i = 0; i < 3; i++)
        {
            matrix.Add(i, i, 2.0);
        }

        Assert.True(matrix.Factorize());
        Assert.True(matrix.Factorize());
        Assert.Throws<InvalidOperationException>(() => matrix.Add(0, 0, 1.0));
        matrix.Clear();
        matrix.Add(0, 0, 1.0);
        Assert.Equal(1.0, matrix.Get(0, 0));
    }

    private static void AssertSolvesLikeDense(BorderedBandMatrix matrix, double[,] dense, Random random, double tolerance)
    {
        int n = matrix.Layout.Size;
        for (int trial = 0; trial < 3; trial++)
        {
            var rhs = RandomVector(n, random);
            var expected = DenseReference.Solve(dense, rhs);
            if (trial == 0)
            {
                Assert.True(matrix.Factorize());
            }

            var x = (double[])rhs.Clone();
            matrix.Solve(x);
            double scale = 0;
            foreach (double v in expected)
            {
                scale = Math.Max(scale, Math.Abs(v));
            }

            for (int i = 0; i < n; i++)
            {
                Assert.True(
                    Math.Abs(expected[i] - x[i]) <= tolerance * scale,
                    $"x[{i}] = {x[i]:R}, dense LU gives {expected[i]:R} (trial {trial})");
            }

            // And the backward error is at rounding level: |A x − b| ≤ 1e-12 (|A| |x| + |b|) in the max norm.
            var ax = DenseReference.Multiply(dense, x);
            double rnorm = 0, bnorm = 0, anorm = 0, xnorm = 0;
            for (int i = 0; i < n; i++)
            {
                rnorm = Math.Max(rnorm, Math.Abs(ax[i] - rhs[i]));
                bnorm = Math.Max(bnorm, Math.Abs(rhs[i]));
                xnorm = Math.Max(xnorm, Math.Abs(x[i]));
                double rowSum = 0;
                for (int j = 0; j < n; j++)
                {
                    rowSum += Math.Abs(dense[i, j]);
                }

                anorm = Math.Max(anorm, rowSum);
            }

            Assert.True(rnorm <= 1e-12 * ((anorm * xnorm) + bnorm), $"residual {rnorm}, |A| {anorm}, |x| {xnorm}");
        }
    }

    internal static (BorderedBandMatrix Matrix, double[,] Dense) RandomBordered(
        JacobianLayout layout, Random random, double diagonalBoost, double diagonalScale = 1.0, int zeroBandColumn = -1)
    {
        int n = layout.Size;
        int nb = layout.BandSize;
        var matrix = new BorderedBandMatrix(layout);
        var dense = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                bool inBandBlock = i < nb && j < nb;
                if (inBandBlock && (i - j > layout.Lower || j - i > layout.Upper))
                {
                    continue;
                }

                if (j == zeroBandColumn && i < nb)
                {
                    continue;
                }

                double v = (2.0 * random.NextDouble()) - 1.0;
                if (i == j)
                {
                    v = (v * diagonalScale) + (diagonalBoost * Math.Sign(v == 0 ? 1 : v));
                }

                matrix.Add(i, j, v);
                dense[i, j] = v;
            }
        }

        return (matrix, dense);
    }

    private static double[] RandomVector(int n, Random random)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (2.0 * random.NextDouble()) - 1.0;
        }

        return v;
    }
}
