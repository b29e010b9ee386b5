using BenchmarkDotNet.Attributes;
using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.Benchmarks.Numerics;

/// <summary>
/// The integrator on the plant-shaped heat equation (990 unknowns, bandwidth 26, border 2): a 10 s horizon whose
/// fastest mode decays ~450× faster than the slowest (stiff), output every 0.1 s. Not sealed: BenchmarkDotNet
/// derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class BdfSolverBenchmarks
{
    private HeatEquation2D _system = null!;
    private BdfSolver _solver = null!;
    private double[] _y = null!;
    private double[] _yp = null!;
    private double[] _y0 = null!;
    private double[] _yp0 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = new HeatEquation2D();
        _solver = new BdfSolver(_system, new BdfOptions { RelTol = 1e-6, AbsTol = 1e-9 });
        int n = _system.Layout.Size;
        _y = new double[n];
        _yp = new double[n];
        _y0 = new double[n];
        _yp0 = new double[n];
        _system.InitialState(_y0, _yp0);
        Integrate();
        Console.WriteLine($"// HeatEquation2D statistics per run: {_solver.Statistics}");
    }

    [Benchmark]
    public double HeatEquation2D_990Unknowns_Bandwidth26_Border2_TenSeconds() => Integrate();

    private double Integrate()
    {
        _solver.Initialize(0.0, _y0, _yp0);
        for (int k = 1; k <= 100; k++)
        {
            _solver.AdvanceTo(k * 0.1, _y, _yp);
        }

        return _y[_y.Length / 2];
    }
}
