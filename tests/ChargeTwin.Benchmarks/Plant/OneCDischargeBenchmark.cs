using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.Benchmarks.Plant;

/// <summary>
/// Issue 2's speed goal: a 1 h 1C discharge of OKane2022 at the default mesh (20 volumes per domain,
/// 20 shells) with a sample every second, on one core; goal ≥ 5,000× real time (under 0.72 s).
/// The lumped-thermal variant is the bench's default configuration; the isothermal one is PyBaMM's
/// reference case (its IDAKLU solve took 0.70 s at the same tolerances, data/peer/pybamm/README.md).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class OneCDischargeBenchmark
{
    private DfnParameters _parameters = null!;
    private readonly PlantSample[] _trace = new PlantSample[4000];

    [Params(ThermalModel.Isothermal, ThermalModel.Lumped)]
    public ThermalModel Thermal { get; set; }

    [GlobalSetup]
    public void Setup() => _parameters = new DfnParameters(CellLibrary.Load("okane2022"), null, 298.15, 298.15);

    /// <summary>Builds the model, starts at SOC 1, discharges at 5 A to 2.5 V sampling every second; returns the simulated time.</summary>
    [Benchmark]
    public double Discharge1C_1sOutput()
    {
        var options = new ModelOptions { Thermal = Thermal, Plating = PlatingModel.None, Sei = SeiModel.None };
        var cell = new CellSimulator(new DfnModel(_parameters, options), 1.0);
        cell.Hold(OperatingMode.Current, -5.0, [new PlantEvent(PlantEventKind.VoltageBelow, 2.5)]);
        var n = 0;
        for (var t = 1.0; cell.AdvanceTo(t); t += 1.0)
        {
            _trace[n++ % _trace.Length] = cell.Sample();
        }

        return cell.Time_s;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(10));
            AddColumn(new RealTimeFactorColumn(3568));
        }
    }
}

/// <summary>Simulated seconds per wall-clock second (mean).</summary>
public sealed class RealTimeFactorColumn(double simulatedSeconds) : IColumn
{
    public string Id => nameof(RealTimeFactorColumn);
    public string ColumnName => "× real time";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{simulatedSeconds} simulated seconds divided by the mean wall-clock time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        return stats is null ? "–" : (simulatedSeconds / (stats.Mean * 1e-9)).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
