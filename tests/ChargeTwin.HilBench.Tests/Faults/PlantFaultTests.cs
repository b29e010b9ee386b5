using ChargeTwin.Cells;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Faults;

/// <summary>The plant's faults: an internal short inside the DFN, a cooling failure and accelerated self-heating.</summary>
public sealed class PlantFaultTests
{
    private const double Ambient_K = 298.15;

    private static ModelOptions Coarse(bool internalShort = true, ThermalModel thermal = ThermalModel.Lumped, PlatingModel plating = PlatingModel.PartiallyReversible, SeiModel sei = SeiModel.SolventDiffusionLimited) => new()
    {
        Thermal = thermal,
        Plating = plating,
        Sei = sei,
        NegativeVolumes = 6,
        SeparatorVolumes = 4,
        PositiveVolumes = 6,
        NegativeShells = 6,
        PositiveShells = 6,
        InternalShort = internalShort,
    };

    private static CellSimulator Cell(double soc, ModelOptions options, string cell = "lgm50") =>
        new(new DfnModel(new DfnParameters(CellLibrary.Load(cell), null, Ambient_K, Ambient_K), options), soc);

    [Theory]
    [InlineData("lgm50", ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited)]
    [InlineData("okane2022", ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited)]
    [InlineData("okane2022", ThermalModel.Isothermal, PlatingModel.None, SeiModel.None)]
    public void Jacobian_WithAnInternalShortCoolingFailureAndSelfHeating_MatchesFiniteDifferences(string cell, ThermalModel thermal, PlatingModel plating, SeiModel sei)
    {
        var sim = new CellSimulator(new DfnModel(new DfnParameters(CellLibrary.Load(cell), null, 273.15, 273.15), Coarse(true, thermal, plating, sei)), 0.2);
        sim.Hold(OperatingMode.Current, 10);
        sim.AdvanceTo(30);
        sim.SetFaults(new PlantFaultState(ShortConductance_S: 2, CoolingFraction: 0.1, SelfHeatingPower_W: 1.5, SelfHeatingReference_K: 310, SelfHeatingActivation_JPerMol: 100e3));
        sim.AdvanceTo(60);
        var model = sim.Model;
        var y = sim.State.ToArray();
        var yp = new double[y.Length];
        Assert.True(sim.ShortCurrent_A > 1, "the short carries current where the Jacobian is checked");
        foreach (var (mode, setpoint) in new[] { (OperatingMode.Current, 3.0), (OperatingMode.Voltage, 4.0), (OperatingMode.Power, 12.0) })
        {
            model.SetMode(mode, setpoint);

            // A wrong entry scores near 1. With the short the worst score is ~3e-4, at the heat row against φ_s of a
            // negative volume next to the collector (≈ 5 µV, so the checker's step is ~3e-11 V): a central difference
            // there converges to the analytic value to 7 digits with steps from 1e-9 to 1e-6 V (checked when written).
            var check = JacobianChecker.Compare(model, 60, y, yp, 0.37, typicalMagnitude: 1e-8);
            Assert.True(check.WorstRelativeError < 1e-3, $"{mode}: {check}");
        }
    }

    [Fact]
    public void WithoutAShort_ThePlantKeepsItsStateVector_AndRefusesAShort()
    {
        var plain = Cell(0.5, Coarse(internalShort: false));
        var shorted = Cell(0.5, Coarse(internalShort: true));
        Assert.Equal(plain.State.Length + 1, shorted.State.Length);
        Assert.Equal(-1, plain.Model.Indices.ShortCurrent);
        Assert.Throws<InvalidOperationException>(() => plain.SetFaults(PlantFaultState.None with { ShortConductance_S = 1 }));
    }

    [Fact]
    public void InternalShort_WithTheTerminalsOpen_DischargesTheCellAtVOverR_AndHeatsItByVSquaredOverR()
    {
        const double R = 0.5;
        var sim = Cell(0.6, Coarse());
        var before = sim.Sample();
        Assert.Equal(0, sim.ShortCurrent_A);
        sim.SetFaults(PlantFaultState.None with { ShortConductance_S = 1 / R });

        // The terminals stay open (current mode, 0 A): the charger delivers nothing; the short discharges the cell.
        var start = sim.Sample();
        Assert.Equal(0, start.Current_A, 12);
        var v0 = start.Voltage_V;
        Assert.Equal(v0 / R, sim.ShortCurrent_A, 1e-9 * v0 / R * 1e3);

        var p = sim.Model.Parameters;
        var hA = p.HeatTransferCoefficient_WPerM2K * p.CoolingArea_m2;
        double charge_As = 0, shortHeat_J = 0, cooled_J = 0;
        var last = start;
        var lastShort = sim.ShortCurrent_A;
        for (var t = 1; t <= 300; t++)
        {
            sim.AdvanceTo(t);
            var s = sim.Sample();
            var i = sim.ShortCurrent_A;

            // Trapezoids of the short's current and of its heat V·I (V: the terminal voltage, equal to the stack's at 0 A).
            charge_As += 0.5 * (lastShort + i);
            shortHeat_J += 0.5 * ((last.Voltage_V * lastShort) + (s.Voltage_V * i));
            cooled_J += hA * (0.5 * (last.Temperature_K + s.Temperature_K) - Ambient_K);
            Assert.Equal(s.Voltage_V / R, i, 1e-6);
            last = s;
            lastShort = i;
        }

        // The charge lost by the negative side is what the short carried (≈ V/R × 300 s).
        var lost_Ah = (before.NegativeSideLithium_mol - last.NegativeSideLithium_mol) * PhysicalConstants.Faraday / 3600;
        Assert.Equal(charge_As / 3600, lost_Ah, 0.002 * charge_As / 3600);
        Assert.InRange(charge_As / 300, 0.97 * v0 / R, v0 / R);

        // Energy balance of the lumped cell: heat stored + heat to ambient = every source. With the terminals open the
        // sources are the short's V²/R plus the electrodes' own losses (> 0) and entropic heat (either sign), which at
        // 0.5 Ω (≈ 1.5 C) are a few % and here nearly cancel (the short's heat was 100.1 % of the total when written).
        var heatCapacity_JPerK = p.VolumetricHeatCapacity_JPerM3K * p.CellVolume_m3;
        var rise = last.Temperature_K - start.Temperature_K;
        Assert.True(rise > 1, $"the short heats the cell: {rise:0.00} K");
        var total_J = (heatCapacity_JPerK * rise) + cooled_J;
        var share = shortHeat_J / total_J;
        Assert.True(share is > 0.92 and < 1.08, $"the short's V²/R is {share:P1} of the heat the cell took up and gave off");
    }

    [Fact]
    public void CoolingFailure_RaisesTheTemperatureFasterThanNominal_AtTheSameCurrent()
    {
        double Rise(double fraction)
        {
            var sim = Cell(0.3, Coarse(internalShort: false));
            sim.SetFaults(PlantFaultState.None with { CoolingFraction = fraction });
            sim.Hold(OperatingMode.Current, 10);
            sim.AdvanceTo(600);
            return sim.Sample().Temperature_K - Ambient_K;
        }

        var nominal = Rise(1);
        var failed = Rise(0.1);
        Assert.True(failed > 1.15 * nominal, $"cooling at 10 %: {failed:0.00} K vs nominal {nominal:0.00} K");
    }

    [Fact]
    public void SelfHeating_RaisesTheTemperature_ByAtLeastItsReferencePowerOverTheHeatCapacity()
    {
        var rest = Cell(0.5, Coarse(internalShort: false));
        var heated = Cell(0.5, Coarse(internalShort: false));
        heated.SetFaults(PlantFaultState.None with { SelfHeatingPower_W = 5, SelfHeatingReference_K = Ambient_K, SelfHeatingActivation_JPerMol = 100e3 });
        rest.AdvanceTo(60);
        heated.AdvanceTo(60);
        var p = heated.Model.Parameters;
        var heatCapacity_JPerK = p.VolumetricHeatCapacity_JPerM3K * p.CellVolume_m3;

        // Arrhenius above the reference: at least P_ref·t/(m c_p), less a little cooling.
        var rise = heated.Sample().Temperature_K - rest.Sample().Temperature_K;
        Assert.InRange(rise, 0.95 * 5 * 60 / heatCapacity_JPerK, 1.5 * 5 * 60 / heatCapacity_JPerK);
    }
}
