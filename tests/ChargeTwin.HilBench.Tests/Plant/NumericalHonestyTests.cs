using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>Conservation, mesh convergence and independence of the output grid.</summary>
public sealed class NumericalHonestyTests
{
    [Fact]
    public void FullCycleWithPlatingAndSei_ConservesLithium_ToOnePartIn1e8()
    {
        var (samples, _) = PlantRuns.Run("okane2022", 10, 1.0, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited), 10.0,
            "Discharge at 1C until 2.5 V", "Rest for 10 minutes", "Charge at 1.5C until 4.2 V", "Hold at 4.2 V until C/20", "Rest for 10 minutes");

        // The cycle did exercise every lithium store, each by far more than the drift allowed: a store left out of the
        // balance would show. (Plated 5.4e-4, dead 5.4e-6, SEI 3.9e-6 mol against 2.9e-9 mol allowed.)
        const double allowedDrift = 1e-8; // measured 5e-12
        var last = samples[^1];
        var initial = samples[0].TotalLithium_mol;
        Assert.All(new[] { last.PlatedLithium_mol, last.DeadLithium_mol, last.SeiLithium_mol }, store => Assert.True(store > 1000 * allowedDrift * initial, $"{store:G3} mol"));
        var drift = samples.Max(s => Math.Abs(s.TotalLithium_mol - initial)) / initial;
        Assert.True(drift < allowedDrift, $"total lithium drifted by {drift:G3} of its initial value");
    }

    /// <summary>
    /// 10 → 20 volumes and shells changes the 1C voltage by 1.5 mV RMS, 20 → 40 by 0.63 mV (README): the default mesh is
    /// within a millivolt of a finer one, and the change at least halves with the spacing (the scheme converges at
    /// first order or better; a term that does not scale with the mesh would stop it shrinking).
    /// </summary>
    [Fact]
    public void HalvingTheMeshSpacing_ChangesTheOneCVoltage_ByLessThanAMillivoltRms_AndLessEachTime()
    {
        var coarse = OneCDischarge(10);
        var standard = OneCDischarge(20);
        var fine = OneCDischarge(40);

        var coarseToStandard = RmsDifference(coarse, standard);
        var standardToFine = RmsDifference(standard, fine);
        Assert.True(standardToFine < 1e-3, $"20 → 40 volumes and shells changes the voltage by {standardToFine * 1000:F2} mV RMS");
        Assert.True(standardToFine < 0.5 * coarseToStandard, $"20 → 40: {standardToFine * 1000:F2} mV RMS after 10 → 20: {coarseToStandard * 1000:F2} mV");
    }

    private static List<PlantSample> OneCDischarge(int mesh) =>
        PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped, volumes: mesh, shells: mesh), 1.0, "Discharge at 1C until 2.5 V").Samples;

    private static double RmsDifference(List<PlantSample> coarse, List<PlantSample> fine)
    {
        var end = Math.Min(coarse[^1].Time_s, fine[^1].Time_s);
        var fineT = fine.Select(s => s.Time_s).ToArray();
        var fineV = fine.Select(s => s.Voltage_V).ToArray();
        return ReferenceData.Rms(coarse.Where(s => s.Time_s <= end).Select(s => s.Voltage_V - ReferenceData.Interpolate(fineT, fineV, s.Time_s)));
    }

    [Fact]
    public void OutputInterval_DoesNotChangeTheSolution()
    {
        var (every1s, sim1) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped), 1.0, "Discharge at 1C for 20 minutes", "Rest for 5 minutes");
        var (every7s, sim7) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped), 7.0, "Discharge at 1C for 20 minutes", "Rest for 5 minutes");

        Assert.Equal(sim1.Statistics.Steps, sim7.Statistics.Steps);
        var byTime = every1s.GroupBy(s => s.Time_s).ToDictionary(g => g.Key, g => g.Last());
        var common = 0;
        foreach (var s in every7s)
        {
            if (byTime.TryGetValue(s.Time_s, out var t))
            {
                common++;
                Assert.Equal(t.Voltage_V, s.Voltage_V, 1e-12);
                Assert.Equal(t.Temperature_K, s.Temperature_K, 1e-10);
                Assert.Equal(t.StackPressure_Pa, s.StackPressure_Pa, 1e-6);
            }
        }

        Assert.True(common > 200, $"only {common} common output times");
    }
}
