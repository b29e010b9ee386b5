using BenchmarkDotNet.Attributes;
using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.Benchmarks.Numerics;

/// <summary>
/// Size 1000, Lower = Upper = 26, border 3: filling through Add (as a model's Jacobian does), factorising, solving.
/// Fill alone is measured too, so that Factorize + Solve = (fill + factorise + solve) − fill. Not sealed:
/// BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class BorderedBandMatrixBenchmarks
{
    private const int Size = 1000;
    private const int Border = 3;
    private const int Bandwidth = 26;

    private readonly JacobianLayout _layout = new(Size, Size - Border, Bandwidth, Bandwidth);
    private BorderedBandMatrix _matrix = null!;
    private BorderedBandMatrix _factorized = null!;
    private (int Row, int Col, double Value)[] _entries = null!;
    private double[] _rhs = null!;
    private double[] _x = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var entries = new List<(int, int, double)>();
        int nb = Size - Border;
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                bool band = i < nb && j < nb;
                if (band && Math.Abs(i - j) > Bandwidth)
                {
                    continue;
                }

                double v = (2.0 * random.NextDouble()) - 1.0;
                entries.Add((i, j, i == j ? v + (Math.Sign(v) * 60.0) : v));
            }
        }

        _entries = entries.ToArray();
        _matrix = new BorderedBandMatrix(_layout);
        _factorized = new BorderedBandMatrix(_layout);
        Fill(_factorized);
        _factorized.Factorize();
        _rhs = new double[Size];
        _x = new double[Size];
        for (int i = 0; i < Size; i++)
        {
            _rhs[i] = random.NextDouble();
        }
    }

    [Benchmark]
    public void Fill() => Fill(_matrix);

    [Benchmark]
    public double FillFactorizeSolve_Size1000_Band26_Border3()
    {
        Fill(_matrix);
        _matrix.Factorize();
        _rhs.CopyTo(_x, 0);
        _matrix.Solve(_x);
        return _x[0];
    }

    [Benchmark]
    public double Solve_Size1000_Band26_Border3()
    {
        _rhs.CopyTo(_x, 0);
        _factorized.Solve(_x);
        return _x[0];
    }

    private void Fill(BorderedBandMatrix matrix)
    {
        matrix.Clear();
        foreach (var (row, col, value) in _entries)
        {
            matrix.Add(row, col, value);
        }
    }
}
