using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Tests.Plant;

namespace ChargeTwin.HilBench.Tests.Twin;

/// <summary>
/// A constant-current charge of the DFN plant (campaign options: lumped heat, partially reversible plating, SEI,
/// 10 volumes per domain, 10 shells) from 10 % SOC, sampled every second, until 4.2 V or 80 % SOC. The current
/// ramps up in 0.1 s (the twin steps at constant current from t = 0: 0.05 A s of difference at 1C).
/// </summary>
internal sealed record PlantTrace(string Cell, double CRate, double Ambient_C, double Current_A, IReadOnlyList<PlantSample> Samples)
{
    public const double StartSoc = 0.1;
    public const double EndSoc = 0.8;
    public const double UpperVoltage_V = 4.2;

    private static readonly Dictionary<(string, double, double), PlantTrace> Cache = [];

    public double Ambient_K => Ambient_C + PhysicalConstants.ZeroCelsius_K;

    /// <summary>The trace of this charge, simulated once per test process.</summary>
    public static PlantTrace Charge(string cell, double cRate, double ambient_C)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((cell, cRate, ambient_C), out var trace))
            {
                trace = Simulate(cell, cRate, ambient_C);
                Cache[(cell, cRate, ambient_C)] = trace;
            }

            return trace;
        }
    }

    private static PlantTrace Simulate(string cell, double cRate, double ambient_C)
    {
        var set = CellLibrary.Load(cell);
        var ambient = ambient_C + PhysicalConstants.ZeroCelsius_K;
        var parameters = new DfnParameters(set, null, ambient, ambient);
        var options = PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited, volumes: 10, shells: 10);
        var simulator = new CellSimulator(new DfnModel(parameters, options), StartSoc);
        var current = cRate * parameters.NominalCapacity_Ah;
        // A power stage's slew (0.1 s to full current at 2C): a step from rest has no consistent start at 2C and 10 °C.
        simulator.SetEvents([new PlantEvent(PlantEventKind.VoltageAbove, UpperVoltage_V)]);
        simulator.CommandCurrent(current, current / 0.1);
        var samples = new List<PlantSample>();
        for (var t = 1.0; simulator.AdvanceTo(t, stopAtTarget: true); t += 1.0)
        {
            var s = simulator.Sample();
            samples.Add(s);
            if (s.StateOfCharge >= EndSoc)
            {
                break;
            }
        }

        return new PlantTrace(cell, cRate, ambient_C, current, samples);
    }
}
