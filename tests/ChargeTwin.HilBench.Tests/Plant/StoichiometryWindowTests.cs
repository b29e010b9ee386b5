using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

public sealed class StoichiometryWindowTests
{
    [Fact]
    public void OKane2022Windows_MatchPyBammsInitialStoichiometries()
    {
        var w = StoichiometryWindows.Compute(new DfnParameters(CellLibrary.Load("okane2022")));
        var discharge = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_1C_discharge_25C_isothermal.csv"));
        var charge = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_2C_charge_0C_plating_lumped.csv"));

        // PyBaMM starts its 1C discharge at SOC 1 and its 2C charge at SOC 0.1, uniform particles.
        Assert.Equal(discharge["X-averaged negative particle surface stoichiometry"][0], w.NegativeStoichiometry(1.0), 2e-5);
        Assert.Equal(discharge["X-averaged positive particle surface stoichiometry"][0], w.PositiveStoichiometry(1.0), 2e-5);
        Assert.Equal(charge["X-averaged negative particle surface stoichiometry"][0], w.NegativeStoichiometry(0.1), 2e-5);
        Assert.Equal(charge["X-averaged positive particle surface stoichiometry"][0], w.PositiveStoichiometry(0.1), 2e-5);
    }

    [Fact]
    public void LithiumInventoryLoss_ShrinksCapacity_AndLossOfActiveMaterialToo()
    {
        var set = CellLibrary.Load("okane2022");
        var parameters = new DfnParameters(set);
        var fresh = StoichiometryWindows.Compute(parameters).Capacity_Ah;
        var lli = StoichiometryWindows.Compute(new DfnParameters(set, new AgeingState(LithiumInventoryLoss: 0.1))).Capacity_Ah;
        var lamN = StoichiometryWindows.Compute(new DfnParameters(set, new AgeingState(NegativeActiveMaterialLoss: 0.2))).Capacity_Ah;

        // The OCV window between the cut-offs (a 1C discharge delivers about 4.96 Ah of it), from PyBaMM's own
        // stoichiometries: x at SOC 1 and at SOC 0.1 give x at SOC 0, and the negative electrode's lithium between
        // them is the window (5.1099 Ah both ways).
        var discharge = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_1C_discharge_25C_isothermal.csv"));
        var charge = ReferenceData.ReadColumns(ReferenceData.PyBamm("okane_dfn_2C_charge_0C_plating_lumped.csv"));
        var xFull = discharge["X-averaged negative particle surface stoichiometry"][0];
        var xEmpty = xFull - ((xFull - charge["X-averaged negative particle surface stoichiometry"][0]) / 0.9);
        var n = parameters.Negative;
        var window = (xFull - xEmpty) * n.MaxConcentration_molPerM3 * n.ActiveMaterialFraction * n.Thickness_m * parameters.ElectrodeArea_m2 * PhysicalConstants.Faraday / 3600;
        Assert.Equal(window, fresh, 1e-3);
        Assert.True(lli < fresh * 0.95, $"10 % LLI: {lli:F3} Ah against {fresh:F3} Ah fresh");
        Assert.True(lamN < fresh * 0.95, $"20 % negative LAM: {lamN:F3} Ah against {fresh:F3} Ah fresh");
    }

    [Fact]
    public void ResistanceGrowth_LowersTheVoltageUnderLoad_ByIR()
    {
        var set = CellLibrary.Load("okane2022");
        var options = PlantRuns.Options(ThermalModel.Isothermal);
        var (fresh, _) = PlantRuns.Run(new DfnParameters(set, null, 298.15, 298.15), 0.5, options, 1.0, null, "Discharge at 5 A for 10 s");
        var (aged, _) = PlantRuns.Run(new DfnParameters(set, new AgeingState(ResistanceGrowth_Ohm: 0.01), 298.15, 298.15), 0.5, options, 1.0, null, "Discharge at 5 A for 10 s");
        Assert.Equal(-0.05, aged[^1].Voltage_V - fresh[^1].Voltage_V, 1e-6);
    }
}
