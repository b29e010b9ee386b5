using ChargeTwin.Cells;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Twin.Detection;

/// <summary>
/// One constant-current charge of the DFN plant (campaign mesh, 10 volumes / 10 shells, partially reversible plating,
/// SEI, lumped heat) sampled every second, with a plating-free twin of the same cell under the same charge, and the
/// stand-ins for the twin's predictions this bench test needs while the twin's model is not written:
/// <list type="bullet">
/// <item>expected thickness: the plant's own thickness change minus the plated and dead lithium's volume — a perfect
/// intercalation + thermal (+ SEI) model. It reads the plant's truth, here and only here;</item>
/// <item>expected voltage: the plating-free twin's terminal voltage at the same instant.</item>
/// </list>
/// </summary>
internal sealed class PlatingCharge
{
    public const int Volumes = 10;

    /// <summary>A dense plated deposit (the plant's default, 1.3e-5 m³/mol) has porosity 0.</summary>
    public PlatingCharge(string cell, double ambient_C, double startSoc, string step, double depositPorosity = 0)
    {
        var set = CellLibrary.Load(cell);
        const string MolarVolume = "Lithium metal partial molar volume [m3.mol-1]";
        set = set.With(MolarVolume, set.Scalar(MolarVolume) / (1 - depositPorosity));
        var ambient_K = ambient_C + PhysicalConstants.ZeroCelsius_K;
        Parameters = new DfnParameters(set, null, ambient_K, ambient_K);
        Plant = Run(Parameters, Options(PlatingModel.PartiallyReversible), startSoc, step);
        var twin = Run(Parameters, Options(PlatingModel.None), startSoc, step);
        Length = Math.Min(Plant.Count, twin.Count);
        TwinVoltage_V = [.. twin.Take(Length).Select(s => s.Voltage_V)];
        var perMole = Parameters.LithiumMolarVolume_M3PerMol * Parameters.ElectrodesInParallel / Parameters.ElectrodeArea_m2;
        PlatedThickness_m = [.. Plant.Take(Length).Select(s => (s.PlatedLithium_mol + s.DeadLithium_mol) * perMole)];
        ExpectedThickness_m = [.. Plant.Take(Length).Select((s, i) => s.ThicknessChange_m - PlatedThickness_m[i])];
        Onset = Plant.FindIndex(s => s.PlatingOverpotential_V < 0);
    }

    public DfnParameters Parameters { get; }

    public List<PlantSample> Plant { get; }

    /// <summary>Samples both runs have (the plating-free twin may reach 4.2 V at another time).</summary>
    public int Length { get; }

    public double[] TwinVoltage_V { get; }

    /// <summary>Thickness of the plated and dead lithium [m] (truth).</summary>
    public double[] PlatedThickness_m { get; }

    /// <summary>The stand-in for the twin's predicted thickness change [m].</summary>
    public double[] ExpectedThickness_m { get; }

    /// <summary>Index of the first sample with η_Li &lt; 0 at the separator; −1 when it never happens.</summary>
    public int Onset { get; }

    /// <summary>Fixture gain of the plant's fixture [Pa/m] (truth, for the report).</summary>
    public static double FixtureGain_PaPerM => Options(PlatingModel.None).FixtureStiffness_NPerM / Options(PlatingModel.None).FixtureArea_m2;

    public static ModelOptions Options(PlatingModel plating) => new()
    {
        Plating = plating,
        NegativeVolumes = Volumes,
        SeparatorVolumes = Volumes,
        PositiveVolumes = Volumes,
        NegativeShells = Volumes,
        PositiveShells = Volumes,
    };

    private static List<PlantSample> Run(DfnParameters parameters, ModelOptions options, double startSoc, string step)
    {
        var simulator = new CellSimulator(new DfnModel(parameters, options), startSoc);
        var samples = new List<PlantSample>();
        simulator.Run(ExperimentParser.Parse([step]), 1.0, (s, _) => samples.Add(s));
        return samples;
    }
}
