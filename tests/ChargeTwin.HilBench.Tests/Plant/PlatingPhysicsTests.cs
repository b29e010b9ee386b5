using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>Lithium plating in the OKane2022 cell: where it must happen, where it must not, and what the stack pressure shows.</summary>
public sealed class PlatingPhysicsTests
{
    private const string InterfaceOverpotential = "Negative electrode lithium plating reaction overpotential at separator interface (extrapolated) [V]";

    /// <summary>
    /// The same charge as PyBaMM's plating trace (data/peer/pybamm), here with SEI growth as well: the SEI film adds
    /// little in 14 minutes, so the overpotential's minimum (−99.0 mV in both), its onset (first below 0 V at the 20 s
    /// sample in both) and the plated lithium (1.129e-3 mol there, 1.117e-3 mol here) follow it.
    /// </summary>
    [Fact]
    public void TwoCChargeFromTenPercentAtZeroCelsius_Plates()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_2C_charge_0C_plating_lumped.csv"));
        var (samples, _) = PlantRuns.Run("okane2022", 0, 0.1, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited), 1.0,
            "Charge at 2C until 4.2 V");

        Assert.Equal(reference[InterfaceOverpotential].Min(), samples.Min(s => s.PlatingOverpotential_V), 1e-3);
        var onset = samples.FindIndex(s => s.PlatingOverpotential_V < 0);
        var referenceOnset = reference["Time [s]"][Array.FindIndex(reference[InterfaceOverpotential], eta => eta < 0)];
        Assert.InRange(samples[onset].Time_s, referenceOnset - 1, referenceOnset + 1);
        var plated = samples.Select(s => s.PlatedLithium_mol + s.DeadLithium_mol).ToArray();
        for (var i = onset + 1; i < plated.Length; i++)
        {
            Assert.True(plated[i] > plated[i - 1], $"plated lithium should grow while plating, but fell at t = {samples[i].Time_s} s");
        }

        var referencePlated = reference["Loss of lithium to negative lithium plating [mol]"][^1];
        Assert.Equal(referencePlated, plated[^1], 0.03 * referencePlated);
    }

    [Fact]
    public void HalfCChargeAtTwentyFiveCelsius_DoesNotPlate()
    {
        var (samples, _) = PlantRuns.Run("okane2022", 25, 0.1, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited), 5.0,
            "Charge at 0.5C until 4.2 V");

        // PyBaMM's reference note (data/peer/pybamm/README.md): the overpotential never goes below +0.023 V (22.8 mV here).
        var minimum = samples.Min(s => s.MinimumPlatingOverpotential_V);
        Assert.Equal(0.023, minimum, 1e-3);

        // O'Kane's partially reversible kinetics deposit a little lithium even at positive overpotential (no plated
        // lithium, no stripping term): the same note gives about 1e-3 mol for this charge (1.05e-3 mol here).
        Assert.Equal(1e-3, samples[^1].PlatedLithium_mol + samples[^1].DeadLithium_mol, 0.1e-3);
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

        // Held at 0 °C, the cell plates no later than in PyBaMM's lumped run of this charge (first below 0 V at the 20 s
        // sample), which warms it a little in the first seconds: here at 18 s.
        var onset = plating.FindIndex(s => s.PlatingOverpotential_V < 0);
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_2C_charge_0C_plating_lumped.csv"));
        var referenceOnset = reference["Time [s]"][Array.FindIndex(reference[InterfaceOverpotential], eta => eta < 0)];
        Assert.InRange(plating[onset].Time_s, referenceOnset - 3, referenceOnset);
        var before = Excess(2);
        var after = Excess(onset + 40);
        Assert.True(after > 0 && after > 3 * Math.Abs(before), $"dP/dQ excess from plating: {before:F1} Pa/Ah before onset, {after:F1} Pa/Ah after");
        for (var k = onset; k + 10 < onset + 60; k += 10)
        {
            Assert.True(Excess(k + 10) > Excess(k), $"the excess should keep rising after onset (t = {k} s: {Excess(k):F1}, t = {k + 10} s: {Excess(k + 10):F1} Pa/Ah)");
        }
    }
}
