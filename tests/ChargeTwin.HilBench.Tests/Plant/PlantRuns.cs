using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>Runs experiments on the plant for the tests and keeps every sample.</summary>
internal static class PlantRuns
{
    public static ModelOptions Options(ThermalModel thermal, PlatingModel plating = PlatingModel.None, SeiModel sei = SeiModel.None, int volumes = 20, int shells = 20) => new()
    {
        Thermal = thermal,
        Plating = plating,
        Sei = sei,
        NegativeVolumes = volumes,
        SeparatorVolumes = volumes,
        PositiveVolumes = volumes,
        NegativeShells = shells,
        PositiveShells = shells,
    };

    public static (List<PlantSample> Samples, CellSimulator Simulator) Run(
        string cell, double ambient_C, double initialSoc, ModelOptions options, double outputInterval_s, params string[] steps) =>
        Run(new DfnParameters(CellLibrary.Load(cell), null, ambient_C + PhysicalConstants.ZeroCelsius_K, ambient_C + PhysicalConstants.ZeroCelsius_K),
            initialSoc, options, outputInterval_s, null, steps);

    public static (List<PlantSample> Samples, CellSimulator Simulator) Run(
        DfnParameters parameters, double initialSoc, ModelOptions options, double outputInterval_s, BdfOptions? solver, params string[] steps)
    {
        var simulator = new CellSimulator(new DfnModel(parameters, options), initialSoc, solver);
        var samples = new List<PlantSample>();
        simulator.Run(ExperimentParser.Parse(steps), outputInterval_s, (s, _) => samples.Add(s));
        return (samples, simulator);
    }
}
