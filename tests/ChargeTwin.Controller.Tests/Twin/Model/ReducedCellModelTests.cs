using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Controller.Tests.Twin.Model;

public sealed class ReducedCellModelTests
{
    private static readonly TwinParameters Lgm50 = new(CellLibrary.Load("lgm50"));

    private static (ReducedCellModel Model, double[] State) Fresh(double soc, double temperature_K = 298.15)
    {
        var model = new ReducedCellModel(Lgm50);
        var state = new double[model.Layout.StateCount];
        model.Initialise(state, soc, temperature_K);
        return (model, state);
    }

    [Fact]
    public void LithiumInventory_StaysConstantToRoundOff_OverA2CCharge()
    {
        var (model, state) = Fresh(0.1);
        var before = model.LithiumInventory_molPerM2(state);
        for (var t = 0; t < 900; t++)
        {
            model.Step(state, 10.0, 298.15, 1.0, state);
        }

        model.Evaluate(state, 10.0, 298.15, out var o);
        Assert.True(o.StateOfCharge > 0.5, $"SOC {o.StateOfCharge}");
        Assert.Equal(before, model.LithiumInventory_molPerM2(state), before * 1e-12);
    }

    [Fact]
    public void RestAfterACharge_ConvergesToTheOpenCircuitVoltage()
    {
        var (model, state) = Fresh(0.1);
        for (var t = 0; t < 600; t++)
        {
            model.Step(state, 10.0, 298.15, 1.0, state);
        }

        model.Evaluate(state, 10.0, 298.15, out var loaded);
        for (var t = 0; t < 400; t++)
        {
            model.Step(state, 0.0, 298.15, 30.0, state);
        }

        model.Evaluate(state, 0.0, 298.15, out var rest);
        var w = Lgm50.NominalWindows;
        var soc = rest.StateOfCharge;
        var ocv = Ocp(Lgm50.Positive, w.PositiveStoichiometry(soc)) - Ocp(Lgm50.Negative, w.NegativeStoichiometry(soc));
        Assert.True(loaded.Voltage_V - rest.Voltage_V > 0.05, "the overpotentials relax");
        Assert.Equal(ocv, rest.Voltage_V, 1e-4);
        Assert.Equal(298.15, rest.CoreTemperature_K, 0.01);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Initialise_AtSocZeroAndOne_GivesTheCutOffVoltages(double soc)
    {
        var (model, state) = Fresh(soc);
        model.Evaluate(state, 0.0, 298.15, out var o);
        Assert.Equal(soc == 0 ? Lgm50.LowerVoltageCutoff_V : Lgm50.UpperVoltageCutoff_V, o.Voltage_V, 1e-6);
        Assert.Equal(soc, o.StateOfCharge, 1e-6);
        Assert.Equal(0.0, model.Health(state).LithiumInventoryLoss, 1e-12);
    }

    [Fact]
    public void TenSecondSteps_StayStable_AndCloseToOneSecondSteps()
    {
        var (model, fine) = Fresh(0.1, 298.15);
        var coarse = (double[])fine.Clone();
        for (var t = 0; t < 600; t++)
        {
            model.Step(fine, 10.0, 298.15, 1.0, fine);
            if (t % 10 == 9)
            {
                model.Step(coarse, 10.0, 298.15, 10.0, coarse);
            }
        }

        model.Evaluate(fine, 10.0, 298.15, out var a);
        model.Evaluate(coarse, 10.0, 298.15, out var b);
        Assert.All(coarse, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(a.Voltage_V, b.Voltage_V, 0.01);
        Assert.Equal(a.PlatingOverpotential_V, b.PlatingOverpotential_V, 0.01);
        Assert.Equal(a.CoreTemperature_K, b.CoreTemperature_K, 0.1);
    }

    [Fact]
    public void TenSecondSteps_At2CAnd0C_StayFiniteThroughElectrolyteExhaustion()
    {
        var (model, state) = Fresh(0.1, 273.15);
        var lowest = double.PositiveInfinity;
        for (var t = 0; t < 60; t++)
        {
            model.Step(state, 10.0, 273.15, 10.0, state);
            model.Evaluate(state, 10.0, 273.15, out var o);
            Assert.True(double.IsFinite(o.Voltage_V) && double.IsFinite(o.PlatingOverpotential_V) && double.IsFinite(o.CoreTemperature_K), $"t = {10 * (t + 1)} s");
            Assert.InRange(o.Voltage_V, 3.5, 4.5);
            lowest = Math.Min(lowest, o.MinimumElectrolyteConcentration_molPerM3);
        }

        Assert.InRange(lowest, 0, 100);
    }

    [Fact]
    public void StepAndEvaluate_AllocateNothing()
    {
        var (model, state) = Fresh(0.2);
        for (var t = 0; t < 100; t++)
        {
            model.Step(state, 5.0, 298.15, 1.0, state);
            model.Evaluate(state, 5.0, 298.15, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        for (var t = 0; t < 10_000; t++)
        {
            model.Step(state, t % 2 == 0 ? 5.0 : 4.0, 298.15, 0.1, state);
            model.Evaluate(state, 5.0, 298.15, out var o);
            sum += o.Voltage_V + model.StateOfCharge(state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sum));
    }

    [Fact]
    public void Windows_OfAnAgedState_MatchBisection()
    {
        var (model, state) = Fresh(0.5);
        state[model.Layout.LnNegativeActiveScale] = Math.Log(0.9);
        state[model.Layout.LnPositiveActiveScale] = Math.Log(0.95);
        var fast = model.Windows(state);
        var health = model.Health(state);
        var qn = 0.9 * Lgm50.Negative.NominalSites_molPerM2;
        var qp = 0.95 * Lgm50.Positive.NominalSites_molPerM2;
        var inventory = model.LithiumInventory_molPerM2(state);
        var exact = Lgm50.ExactWindows(qn, qp, inventory);
        Assert.Equal(exact.X0, fast.X0, 1e-9);
        Assert.Equal(exact.X100, fast.X100, 1e-9);
        Assert.Equal(0.1, health.NegativeActiveMaterialLoss, 1e-12);
        Assert.True(health.LithiumInventoryLoss > 0, "active material lost with its lithium");
    }

    [Fact]
    public void Charging_RaisesVoltageTemperatureAndThickness_AndLowersPlatingOverpotential()
    {
        var (model, state) = Fresh(0.1);
        model.Evaluate(state, 0.0, 298.15, out var rest);
        model.Evaluate(state, 15.0, 298.15, out var loaded);
        Assert.True(loaded.Voltage_V > rest.Voltage_V);
        Assert.True(loaded.PlatingOverpotential_V < rest.PlatingOverpotential_V);
        for (var t = 0; t < 300; t++)
        {
            model.Step(state, 15.0, 298.15, 1.0, state);
        }

        model.Evaluate(state, 15.0, 298.15, out var later);
        Assert.True(later.CoreTemperature_K > 300);
        Assert.True(later.ThicknessChange_m > rest.ThicknessChange_m);
        Assert.True(later.HeatGeneration_W > 0);
        Assert.InRange(later.MinimumElectrolyteConcentration_molPerM3, 100, 0.99 * rest.MinimumElectrolyteConcentration_molPerM3);
    }

    private static double Ocp(TwinElectrode e, double x)
    {
        Span<double> args = [x];
        return e.OpenCircuitPotential.Evaluate(args);
    }
}
