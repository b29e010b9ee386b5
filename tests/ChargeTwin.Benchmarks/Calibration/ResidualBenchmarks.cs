using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.Benchmarks.Calibration;

/// <summary>
/// One residual evaluation of the LG M50 calibration: the eight rate tests (25 °C at 0.1/0.5/1/2C, 45 °C at
/// 0.1/0.5/1/1.5C), each replayed through the plant (discharge and the rest after it, 41 h of cell time in all) at
/// the fitted lgm50 parameters, on the fit mesh (10 volumes, 10 shells) and on the default mesh (20/20), over 1 and
/// 2 threads; the same on the fit mesh with the plain cubic spline through the digitised graphite OCP table instead of
/// the cell's monotone, smoothed one (the reference for what the smoothing buys); and a single replay of the 25 °C 1C
/// test. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ResidualBenchmarks
{
    private static readonly string[] Files =
        ["T25_cRate_0p1C", "T25_cRate_0p5C", "T25_cRate_1C", "T25_cRate_2C", "T45_cRate_0p1C", "T45_cRate_0p5C", "T45_cRate_1C", "T45_cRate_1p5C"];

    private CalibrationProblem _fitMesh = null!;
    private CalibrationProblem _defaultMesh = null!;
    private CalibrationProblem _oneThread = null!;
    private CalibrationProblem _splineOcp = null!;
    private double[] _point = null!;
    private ParameterSet _cell = null!;
    private CalibrationTest _oneC = null!;
    private ModelOptions _fitOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "measured", "lgm50_widanage");
        var tests = Files.Select(f => CalibrationData.Load(Path.Combine(directory, $"LGM50_5Ah_RateTest_{f}.csv"), new ReplayOptions(), 298.15)).ToList();
        _cell = CellLibrary.Load("lgm50");
        var parameters = _cell.Uncertainty!.Parameters.Select(p => CalibrationParameter.Create(p.Name, _cell)).ToList();
        var settings = new CalibrationSettings();
        _fitOptions = settings.FitModel;
        _fitMesh = new CalibrationProblem(_cell, parameters, tests, settings.FitModel, workers: 2);
        _oneThread = new CalibrationProblem(_cell, parameters, tests, settings.FitModel, workers: 1);
        _defaultMesh = new CalibrationProblem(_cell, parameters, tests, settings.ReportModel, workers: 2);
        var spline = CellFileDocument.FromSet(_cell);
        spline.SetFunction("Negative electrode OCP [V]", "table(\"ocp/graphite_LGM50_ocp_Chen2020.csv\", x)");
        _splineOcp = new CalibrationProblem(spline.ToSet("lgm50, spline graphite OCP"), parameters, tests, settings.FitModel, workers: 2);
        _point = _fitMesh.Start;
        _oneC = tests[2];
        Console.WriteLine($"// {tests.Count} tests, {_fitMesh.ResidualCount} residuals, {parameters.Count} parameters");
    }

    [Benchmark(Baseline = true)]
    public double Residual_EightTests_FitMesh_TwoThreads() => _fitMesh.Evaluate([_point])[0][0];

    [Benchmark]
    public double Residual_EightTests_FitMesh_OneThread() => _oneThread.Evaluate([_point])[0][0];

    [Benchmark]
    public double Residual_EightTests_FitMesh_TwoThreads_SplineGraphiteOcp() => _splineOcp.Evaluate([_point])[0][0];

    [Benchmark]
    public double Residual_EightTests_DefaultMesh_TwoThreads() => _defaultMesh.Evaluate([_point])[0][0];

    [Benchmark]
    public double Replay_T25_1C_FitMesh() => TestReplay.Run(_cell, _oneC, _fitOptions).Voltage_V[0];
}
