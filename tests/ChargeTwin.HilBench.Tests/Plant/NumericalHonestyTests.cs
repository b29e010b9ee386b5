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

        // The cycle did exercise every lithium store.
        var last = samples[^1];
        Assert.True(last.PlatedLithium_mol > 1e-5 && last.DeadLithium_mol > 0 && last.SeiLithium_mol > 0);
        var initial = samples[0].TotalLithium_mol;
        var drift = samples.Max(s => Math.Abs(s.TotalLithium_mol - initial)) / initial;
        Assert.True(drift < 1e-8, $"total lithium drifted by {drift:G3} of its initial value");
    }

    [Fact]
    public void HalvingTheMeshSpacing_ChangesTheOneCVoltage_ByLessThanTwoMillivoltsRms()
    {
        var (coarse, _) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped, volumes: 20, shells: 20), 1.0, "Discharge at 1C until 2.5 V");
        var (fine, _) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped, volumes: 40, shells: 40), 1.0, "Discharge at 1C until 2.5 V");

        var end = Math.Min(coarse[^1].Time_s, fine[^1].Time_s);
        var fineT = fine.Select(s => s.Time_s).ToArray();
        var fineV = fine.Select(s => s.Voltage_V).ToArray();
        var errors = coarse.Where(s => s.Time_s <= end).Select(s => s.Voltage_V - ReferenceData.Interpolate(fineT, fineV, s.Time_s));
        var rms = ReferenceData.Rms(errors);
        Assert.True(rms < 2e-3, $"20 → 40 volumes and shells changes the voltage by {rms * 1000:F2} mV RMS");
        Assert.True(rms > 0, "the two meshes should not give identical voltages");
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
