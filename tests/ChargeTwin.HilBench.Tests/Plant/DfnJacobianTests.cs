using ChargeTwin.HilBench.Numerics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>The model's analytic Jacobian against central finite differences, in every mode and submodel combination.</summary>
public sealed class DfnJacobianTests
{
    public static TheoryData<string, ThermalModel, PlatingModel, SeiModel> Configurations()
    {
        var data = new TheoryData<string, ThermalModel, PlatingModel, SeiModel>();
        foreach (var cell in new[] { "okane2022", "ecker2015", "ai2020" })
        {
            data.Add(cell, ThermalModel.Lumped, PlatingModel.PartiallyReversible, SeiModel.SolventDiffusionLimited);
            data.Add(cell, ThermalModel.Isothermal, PlatingModel.None, SeiModel.None);
        }

        data.Add("okane2022", ThermalModel.Lumped, PlatingModel.Reversible, SeiModel.ReactionLimited);
        data.Add("okane2022", ThermalModel.Lumped, PlatingModel.Irreversible, SeiModel.None);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void AnalyticJacobian_MatchesFiniteDifferences_InCurrentVoltageAndPowerMode(string cell, ThermalModel thermal, PlatingModel plating, SeiModel sei)
    {
        var p = new DfnParameters(CellLibrary.Load(cell), null, 273.15, 273.15);
        var model = new DfnModel(p, new ModelOptions { Thermal = thermal, Plating = plating, Sei = sei, NegativeVolumes = 6, SeparatorVolumes = 4, PositiveVolumes = 6, NegativeShells = 6, PositiveShells = 6 });
        var sim = new CellSimulator(model, 0.2);
        sim.Hold(OperatingMode.Current, 2 * p.NominalCapacity_Ah);
        sim.AdvanceTo(60);
        var y = sim.State.ToArray();
        var yp = new double[y.Length];
        foreach (var (mode, setpoint) in new[] { (OperatingMode.Current, 3.0), (OperatingMode.Voltage, 4.0), (OperatingMode.Power, 12.0) })
        {
            model.SetMode(mode, setpoint);
            var check = JacobianChecker.Compare(model, 60, y, yp, 0.37, typicalMagnitude: 1e-8);
            Assert.True(check.WorstRelativeError < 1e-4, $"{mode}: {check}");
        }
    }
}
