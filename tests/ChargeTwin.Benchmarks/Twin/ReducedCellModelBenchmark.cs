using BenchmarkDotNet.Attributes;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Benchmarks.Twin;

/// <summary>
/// One control period of the twin's reduced model on the lgm50 cell at 2C and 25 °C, mid-charge (SOC 0.4 after 5 min):
/// Step (1 s and 10 s) and Evaluate, for the default discretisation (5/2/3 volumes, 10 shells) and a cheaper one.
/// </summary>
[MemoryDiagnoser]
public class ReducedCellModelBenchmark
{
    private ReducedCellModel _model = null!;
    private double[] _state = null!;
    private double[] _next = null!;

    [Params(5, 3)]
    public int NegativeVolumes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = NegativeVolumes == 5
            ? new ReducedModelOptions()
            : new ReducedModelOptions { NegativeVolumes = 3, SeparatorVolumes = 1, PositiveVolumes = 2 };
        _model = new ReducedCellModel(new TwinParameters(CellLibrary.Load("lgm50")), options);
        _state = new double[_model.Layout.StateCount];
        _next = new double[_state.Length];
        _model.Initialise(_state, 0.3, 298.15);
        for (var t = 0; t < 300; t++)
        {
            _model.Step(_state, 10.0, 298.15, 1.0, _state);
        }
    }

    [Benchmark]
    public double Step1s()
    {
        _model.Step(_state, 10.0, 298.15, 1.0, _next);
        return _next[0];
    }

    [Benchmark]
    public double Step10s()
    {
        _model.Step(_state, 10.0, 298.15, 10.0, _next);
        return _next[0];
    }

    [Benchmark]
    public double Evaluate()
    {
        _model.Evaluate(_state, 10.0, 298.15, out var o);
        return o.Voltage_V;
    }
}
