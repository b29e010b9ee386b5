using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>
/// The plant against PyBaMM 24.9's DFN on the same parameter set, mesh and options (data/peer/pybamm):
/// a plant that matches these traces is a correct DFN.
/// </summary>
public sealed class PyBammReferenceTests
{
    private const string InterfaceOverpotential = "Negative electrode lithium plating reaction overpotential at separator interface (extrapolated) [V]";

    [Fact]
    public void OneCDischargeIsothermal_MatchesPyBamm_WithinAMillivolt()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_1C_discharge_25C_isothermal.csv"));
        var (samples, sim) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Isothermal), 1.0, "Discharge at 5 A until 2.5 V");

        var (rms, max) = Compare(reference, "Voltage [V]", samples, s => s.Voltage_V);
        Assert.True(rms < 1e-3 && max < 3e-3, $"voltage differs from PyBaMM by {rms * 1000:F3} mV RMS, {max * 1000:F3} mV max");
        Assert.InRange(samples[^1].Time_s, reference["Time [s]"][^1] - 1, reference["Time [s]"][^1] + 1);
        Assert.Equal(-reference["Discharge capacity [A.h]"][^1], sim.ChargeThroughput_Ah(samples[^1]), 2e-3);
        var (stoRms, _) = Compare(reference, "X-averaged negative particle surface stoichiometry", samples, s => s.NegativeSurfaceStoichiometryAverage);
        Assert.True(stoRms < 1e-4, $"negative surface stoichiometry differs by {stoRms:G3} RMS");
    }

    [Fact]
    public void OneCDischargeLumped_MatchesPyBamm_VoltageAndTemperature()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_1C_discharge_25C_lumped.csv"));
        var (samples, _) = PlantRuns.Run("okane2022", 25, 1.0, PlantRuns.Options(ThermalModel.Lumped), 1.0, "Discharge at 5 A until 2.5 V");

        var (rms, max) = Compare(reference, "Voltage [V]", samples, s => s.Voltage_V);
        Assert.True(rms < 1e-3 && max < 3e-3, $"voltage differs from PyBaMM by {rms * 1000:F3} mV RMS, {max * 1000:F3} mV max");
        var (_, tMax) = Compare(reference, "Volume-averaged cell temperature [K]", samples, s => s.Temperature_K);
        Assert.True(tMax < 0.1, $"temperature differs from PyBaMM by up to {tMax:F3} K");
        Assert.Equal(reference["Volume-averaged cell temperature [K]"].Max(), samples.Max(s => s.Temperature_K), 0.1);
    }

    [Fact]
    public void TwoCChargeAtZeroCelsius_MatchesPyBammPlating()
    {
        var reference = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_2C_charge_0C_plating_lumped.csv"));
        var (samples, _) = PlantRuns.Run("okane2022", 0, 0.1, PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible), 1.0, "Charge at 10 A until 4.2 V");

        var (vRms, vMax) = Compare(reference, "Voltage [V]", samples, s => s.Voltage_V);
        Assert.True(vRms < 2e-3 && vMax < 3e-3, $"voltage differs from PyBaMM by {vRms * 1000:F3} mV RMS, {vMax * 1000:F3} mV max");
        var (etaRms, etaMax) = Compare(reference, InterfaceOverpotential, samples, s => s.PlatingOverpotential_V);
        Assert.True(etaRms < 1e-3 && etaMax < 3e-3, $"plating overpotential at the separator differs by {etaRms * 1000:F3} mV RMS, {etaMax * 1000:F3} mV max");
        var (_, tMax) = Compare(reference, "Volume-averaged cell temperature [K]", samples, s => s.Temperature_K);
        Assert.True(tMax < 0.5, $"temperature differs from PyBaMM by up to {tMax:F3} K");

        var referenceOnset = OnsetTime(reference["Time [s]"], reference[InterfaceOverpotential]);
        var onset = OnsetTime(samples.Select(s => s.Time_s).ToArray(), samples.Select(s => s.PlatingOverpotential_V).ToArray());
        Assert.InRange(onset, referenceOnset - 1, referenceOnset + 1);

        var plated = samples[^1].PlatedLithium_mol + samples[^1].DeadLithium_mol;
        var referencePlated = reference["Loss of lithium to negative lithium plating [mol]"][^1];
        Assert.Equal(referencePlated, plated, referencePlated * 0.02);
        Assert.InRange(samples[^1].Time_s, reference["Time [s]"][^1] - 2, reference["Time [s]"][^1] + 2);
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
