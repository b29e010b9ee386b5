using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>
/// The plant against PyBaMM 24.9's DFN on the same parameter set, mesh and options (data/peer/pybamm):
/// a plant that matches these traces is a correct DFN. The bounds are a few times the differences measured today
/// (stated beside each), tight enough that a wrong term in the residual breaks them.
/// </summary>
public sealed class PyBammReferenceTests
{
    private const string InterfaceOverpotential = "Negative electrode lithium plating reaction overpotential at separator interface (extrapolated) [V]";

    [Fact]
    public void OneCDischargeIsothermal_MatchesPyBamm_WithinFiftyMicrovoltsRms()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_1C_discharge_25C_isothermal.csv"));
        var (samples, sim) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Isothermal), 1.0, "Discharge at 5 A until 2.5 V");

        var (rms, max) = Compare(reference, "Voltage [V]", samples, s => s.Voltage_V);
        Assert.True(rms < 0.05e-3 && max < 0.5e-3, $"voltage differs from PyBaMM by {rms * 1000:F3} mV RMS, {max * 1000:F3} mV max"); // measured 0.023, 0.20 mV
        Assert.Equal(reference["Time [s]"][^1], samples[^1].Time_s, 0.1); // measured 0.03 s
        Assert.Equal(-reference["Discharge capacity [A.h]"][^1], sim.ChargeThroughput_Ah(samples[^1]), 2e-4); // measured 4e-5 Ah
        var (stoRms, _) = Compare(reference, "X-averaged negative particle surface stoichiometry", samples, s => s.NegativeSurfaceStoichiometryAverage);
        Assert.True(stoRms < 2e-5, $"negative surface stoichiometry differs by {stoRms:G3} RMS"); // measured 5.5e-6
    }

    [Fact]
    public void OneCDischargeLumped_MatchesPyBamm_VoltageAndTemperature()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_1C_discharge_25C_lumped.csv"));
        var (samples, _) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped), 1.0, "Discharge at 5 A until 2.5 V");

        var (rms, max) = Compare(reference, "Voltage [V]", samples, s => s.Voltage_V);
        Assert.True(rms < 0.05e-3 && max < 0.5e-3, $"voltage differs from PyBaMM by {rms * 1000:F3} mV RMS, {max * 1000:F3} mV max"); // measured 0.025, 0.20 mV
        var (_, tMax) = Compare(reference, "Volume-averaged cell temperature [K]", samples, s => s.Temperature_K);
        Assert.True(tMax < 1e-3, $"temperature differs from PyBaMM by up to {tMax:G3} K"); // measured 1.0e-4 K
        Assert.Equal(reference["Volume-averaged cell temperature [K]"].Max(), samples.Max(s => s.Temperature_K), 1e-3);
    }

    [Fact]
    public void TwoCChargeAtZeroCelsius_MatchesPyBammPlating()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_2C_charge_0C_plating_lumped.csv"));
        var (samples, _) = PlantRuns.Run("okane2022", 0, 0.1, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible), 1.0, "Charge at 10 A until 4.2 V");

        var (vRms, vMax) = Compare(reference, "Voltage [V]", samples, s => s.Voltage_V);
        Assert.True(vRms < 0.5e-3 && vMax < 1e-3, $"voltage differs from PyBaMM by {vRms * 1000:F3} mV RMS, {vMax * 1000:F3} mV max"); // measured 0.34, 0.55 mV
        var (etaRms, etaMax) = Compare(reference, InterfaceOverpotential, samples, s => s.PlatingOverpotential_V);
        Assert.True(etaRms < 0.3e-3 && etaMax < 0.5e-3, $"plating overpotential at the separator differs by {etaRms * 1000:F3} mV RMS, {etaMax * 1000:F3} mV max"); // measured 0.16, 0.30 mV
        var (_, tMax) = Compare(reference, "Volume-averaged cell temperature [K]", samples, s => s.Temperature_K);
        Assert.True(tMax < 0.1, $"temperature differs from PyBaMM by up to {tMax:F3} K"); // measured 0.039 K

        var referenceOnset = OnsetTime(reference["Time [s]"], reference[InterfaceOverpotential]);
        var onset = OnsetTime(samples.Select(s => s.Time_s).ToArray(), samples.Select(s => s.PlatingOverpotential_V).ToArray());
        Assert.Equal(referenceOnset, onset, 0.5); // measured 0.003 s apart

        var plated = samples[^1].PlatedLithium_mol + samples[^1].DeadLithium_mol;
        var referencePlated = reference["Loss of lithium to negative lithium plating [mol]"][^1];
        Assert.Equal(referencePlated, plated, referencePlated * 0.005); // measured 0.15 % apart
        Assert.Equal(reference["Time [s]"][^1], samples[^1].Time_s, 1.5); // measured 0.77 s
    }

    /// <summary>RMS and max of (ours − PyBaMM's) at PyBaMM's output times within our run.</summary>
    private static (double Rms, double Max) Compare(Dictionary<string, double[]> reference, string column, List<PlantSample> samples, Func<PlantSample, double> ours)
    {
        var t = samples.Select(s => s.Time_s).ToArray();
        var v = samples.Select(ours).ToArray();
        var errors = new List<double>();
        var rt = reference["Time [s]"];
        for (var i = 0; i < rt.Length; i++)
        {
            if (rt[i] <= t[^1])
            {
                errors.Add(ReferenceData.Interpolate(t, v, rt[i]) - reference[column][i]);
            }
        }

        return (ReferenceData.Rms(errors), errors.Max(Math.Abs));
    }

    /// <summary>Time at which the overpotential first crosses below 0 V (linear between samples).</summary>
    private static double OnsetTime(double[] t, double[] eta)
    {
        for (var i = 1; i < t.Length; i++)
        {
            if (eta[i] < 0)
            {
                return t[i - 1] + (t[i] - t[i - 1]) * eta[i - 1] / (eta[i - 1] - eta[i]);
            }
        }

        return double.PositiveInfinity;
    }
}
