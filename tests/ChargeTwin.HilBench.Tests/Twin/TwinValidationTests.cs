using ChargeTwin.Controller.Twin.Model;
using Xunit.Abstractions;

namespace ChargeTwin.HilBench.Tests.Twin;

/// <summary>
/// The twin's reduced model against the DFN plant on the nominal lgm50 cell, constant-current charges from 10 % SOC
/// to 4.2 V or 80 % SOC. Bounds are the errors measured at commit time (controller/Twin/README.md) with modest headroom.
/// </summary>
public sealed class TwinValidationTests(ITestOutputHelper output)
{
    public static TheoryData<double, double, double, double, double, double, double> Cases => new()
    {
        // C-rate, ambient °C, V RMS / max [mV], η_Li RMS / max [mV], T max [K]
        { 3.0, 25.0, 15, 35, 8, 16, 0.8 },
        { 1.0, 0.0, 5, 11, 3, 6, 0.3 },

        // near electrolyte exhaustion after plating onset: the twin's weakest case
        { 2.0, 0.0, 45, 110, 35, 90, 1.8 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReducedModel_TracksTheDfnPlant(double cRate, double ambient_C, double vRms, double vMax, double etaRms, double etaMax, double tMax)
    {
        var r = TwinComparison.Run(PlantTrace.Charge("lgm50", cRate, ambient_C));
        output.WriteLine(TwinComparison.Header);
        output.WriteLine(r.Row());
        Assert.True(r.Samples > 300, $"{r.Samples} samples");
        Assert.InRange(r.VoltageRms_mV, 0, vRms);
        Assert.InRange(r.VoltageMax_mV, 0, vMax);
        Assert.InRange(r.PlatingRms_mV, 0, etaRms);
        Assert.InRange(r.PlatingMax_mV, 0, etaMax);
        Assert.InRange(r.TemperatureMax_K, 0, tMax);
        Assert.InRange(r.ThicknessMax_um, 0, 1.1 * tMax + 0.05);
        Assert.InRange(r.SocMax, 0, 0.003);
    }

    /// <summary>
    /// The full table of controller/Twin/README.md (all seven charges, three discretisations); opt-in because it
    /// takes about a minute: CHARGETWIN_TWIN_TABLE=1.
    /// </summary>
    [SkippableFact]
    public void FullErrorTable()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("CHARGETWIN_TWIN_TABLE") == "1", "set CHARGETWIN_TWIN_TABLE=1 for the full table");
        var meshes = new (string Name, ReducedModelOptions Options, double Step_s)[]
        {
            ("SPMe (1 negative volume, 1/2 electrolyte volumes in separator/positive)", new ReducedModelOptions { NegativeVolumes = 1, SeparatorVolumes = 1, PositiveVolumes = 2 }, 1),
            ("3/1/2 volumes", new ReducedModelOptions { NegativeVolumes = 3, SeparatorVolumes = 1, PositiveVolumes = 2 }, 1),
            ("5/2/3 volumes (default)", new ReducedModelOptions(), 1),
            ("5/2/3 volumes (default), compared every 10 s", new ReducedModelOptions(), 10),
        };
        foreach (var (name, options, step) in meshes)
        {
            output.WriteLine($"{name}, {options.NegativeShells}/{options.PositiveShells} shells, {step} s steps:");
            output.WriteLine(TwinComparison.Header);
            foreach (var (c, t) in new[] { (1.0, 25.0), (2.0, 25.0), (3.0, 25.0), (1.0, 0.0), (2.0, 0.0), (1.0, 10.0), (2.0, 10.0) })
            {
                output.WriteLine(TwinComparison.Run(PlantTrace.Charge("lgm50", c, t), options, step).Row());
            }

            output.WriteLine("");
        }
    }
}
