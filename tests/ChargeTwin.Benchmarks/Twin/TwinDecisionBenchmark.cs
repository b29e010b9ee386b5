using BenchmarkDotNet.Attributes;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin;

namespace ChargeTwin.Benchmarks.Twin;

/// <summary>
/// One decision of the twin controller — filter prediction and update, the outputs' σ, both plating detectors and
/// the admissible-current solver — on the lgm50 cell mid-charge at 25 °C (after 300 periods of 5 A). The target
/// (issue: p99 &lt; 200 µs, 0 B per decision) is read from BenchmarkDotNet's percentiles and allocation column.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class TwinDecisionBenchmark
{
    private TwinController _twin = null!;
    private int _k;

    [GlobalSetup]
    public void Setup()
    {
        _twin = new TwinController(new TwinSpec("twin"), new ControllerContext(5, 15, 4.2, 1, 0.3, 0.02), CellLibrary.Load("lgm50"));
        for (_k = 0; _k < 300; _k++)
        {
            Decide();
        }
    }

    [Benchmark]
    public double Decide()
    {
        var k = _k++;
        return _twin.Step(new MeasuredSample(k, 3.75 + (1e-5 * (k % 1000)), 5, 298.15, 1e5 + k), k).CurrentLimit_A;
    }

    private sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public PercentileConfig() => AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95, BenchmarkDotNet.Columns.StatisticColumn.P100);
    }
}
