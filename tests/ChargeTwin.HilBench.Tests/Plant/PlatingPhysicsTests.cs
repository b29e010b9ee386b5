using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>Lithium plating in the OKane2022 cell: where it must happen, where it must not, and what the stack pressure shows.</summary>
public sealed class PlatingPhysicsTests
{
    [Fact]
    public void TwoCChargeFromTenPercentAtZeroCelsius_Plates()
    {
        var (samples, _) = PlantRuns.Run("okane2022", 0, 0.1, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited), 1.0,
            "Charge at 2C until 4.2 V");

        Assert.True(samples.Min(s => s.PlatingOverpotential_V) < -0.05, "the plating overpotential at the separator should fall well below 0 V vs Li/Li+");
        var onset = samples.FindIndex(s => s.PlatingOverpotential_V < 0);
        Assert.InRange(samples[onset].Time_s, 10, 40);
        var plated = samples.Select(s => s.PlatedLithium_mol + s.DeadLithium_mol).ToArray();
        for (var i = onset + 1; i < plated.Length; i++)
        {
            Assert.True(plated[i] > plated[i - 1], $"plated lithium should grow while plating, but fell at t = {samples[i].Time_s} s");
        }

        Assert.True(plated[^1] > 5e-4, $"plated lithium at the end is only {plated[^1]:G3} mol");
    }

    [Fact]
    public void HalfCChargeAtTwentyFiveCelsius_DoesNotPlate()
    {
        var (samples, _) = PlantRuns.Run("okane2022", 25, 0.1, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited), 5.0,
            "Charge at 0.5C until 4.2 V");

        var minimum = samples.Min(s => s.MinimumPlatingOverpotential_V);
        Assert.True(minimum > 0.01, $"the plating overpotential should stay above 0 V vs Li/Li+ everywhere, but reached {minimum * 1000:F1} mV");

        // O'Kane's partially reversible kinetics deposit a little lithium even at positive overpotential
        // (PyBaMM's reference note: about 1e-3 mol for this charge); it stays far below the 2C/0 °C case.
        Assert.True(samples[^1].PlatedLithium_mol + samples[^1].DeadLithium_mol < 2e-3);
    }

    /// <summary>
    /// The stack pressure's dP/dQ of the same 2C charge at 0 °C with and without plating kinetics: the
    /// plated lithium (1.3e-5 m³/mol, four times the volume the same lithium takes in graphite) adds to
    /// dP/dQ once plating starts, and the addition grows as plating proceeds. The chamber holds the cell
    /// at 0 °C (isothermal) so that thermal expansion, which a detector compensates from the measured
    /// temperature, does not differ between the two runs.
    /// </summary>
    [Fact]
    public void PlatingOnset_RaisesDpDq_AboveTheSameChargeWithoutPlating()
    {
        var (plating, simP) = PlantRuns.Run("okane2022", 0, 0.1, PlantRuns.Options(ThermalModel.Isothermal, PlatingModel.PartiallyReversible), 1.0, "Charge at 2C for 100 s");
        var (none, simN) = PlantRuns.Run("okane2022", 0, 0.1, PlantRuns.Options(ThermalModel.Isothermal, PlatingModel.None), 1.0, "Charge at 2C for 100 s");
        double DpDq(List<PlantSample> s, CellSimulator sim, int k) =>
            (s[k + 5].StackPressure_Pa - s[k].StackPressure_Pa) / (sim.ChargeThroughput_Ah(s[k + 5]) - sim.ChargeThroughput_Ah(s[k]));
        double Excess(int k) => DpDq(plating, simP, k) - DpDq(none, simN, k);

        var onset = plating.FindIndex(s => s.PlatingOverpotential_V < 0);
        Assert.InRange(onset, 10, 40);
        var before = Excess(2);
        var after = Excess(onset + 40);
        Assert.True(after > 0 && after > 3 * Math.Abs(before), $"dP/dQ excess from plating: {before:F1} Pa/Ah before onset, {after:F1} Pa/Ah after");
        for (var k = onset; k + 10 < onset + 60; k += 10)
        {
            Assert.True(Excess(k + 10) > Excess(k), $"the excess should keep rising after onset (t = {k} s: {Excess(k):F1}, t = {k + 10} s: {Excess(k + 10):F1} Pa/Ah)");
        }
    }
}
