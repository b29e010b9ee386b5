using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Controller.Tests.Twin.Model;

/// <summary>Each estimated parameter acts on the model as the layout documents it (what the filter relies on).</summary>
public sealed class ParameterBlockTests
{
    private static readonly ReducedCellModel Model = new(new TwinParameters(CellLibrary.Load("lgm50")));

    private static double[] Fresh()
    {
        var state = new double[Model.Layout.StateCount];
        Model.Initialise(state, 0.3, 298.15);
        return state;
    }

    private static TwinOutputs After(double[] state, int seconds, double current_A = 10.0)
    {
        for (var t = 0; t < seconds; t++)
        {
            Model.Step(state, current_A, 298.15, 1.0, state);
        }

        Model.Evaluate(state, current_A, 298.15, out var o);
        return o;
    }

    [Fact]
    public void SeriesResistanceOffset_AddsIRToTheVoltage_AndIsReportedAsResistanceGrowth()
    {
        var state = Fresh();
        Model.Evaluate(state, 10.0, 298.15, out var before);
        state[Model.Layout.SeriesResistanceOffset_Ohm] = 0.01;
        Model.Evaluate(state, 10.0, 298.15, out var after);
        Assert.Equal(0.1, after.Voltage_V - before.Voltage_V, 1e-9);
        Assert.Equal(0.01, Model.Health(state).ResistanceGrowth_Ohm);
        Assert.True(after.HeatGeneration_W > before.HeatGeneration_W);
    }

    [Fact]
    public void LossOfNegativeActiveMaterial_ShrinksTheCapacity_AndLowersThePlatingMargin()
    {
        var fresh = Fresh();
        var aged = Fresh();
        aged[Model.Layout.LnNegativeActiveScale] = Math.Log(0.85);
        Assert.Equal(0.15, Model.Health(aged).NegativeActiveMaterialLoss, 1e-12);
        Assert.True(Model.Health(aged).Capacity_Ah < Model.Health(fresh).Capacity_Ah);
        Assert.True(After(aged, 300).PlatingOverpotential_V < After(fresh, 300).PlatingOverpotential_V);
    }

    [Fact]
    public void KineticAndDiffusivityScales_MoveTheOverpotentialsTheRightWay()
    {
        var fresh = After(Fresh(), 120);
        var slowKinetics = Fresh();
        slowKinetics[Model.Layout.LnNegativeKineticScale] = Math.Log(0.5);
        var slowDiffusion = Fresh();
        slowDiffusion[Model.Layout.LnNegativeDiffusivityScale] = Math.Log(0.5);
        var slowPositive = Fresh();
        slowPositive[Model.Layout.LnPositiveKineticScale] = Math.Log(0.5);
        slowPositive[Model.Layout.LnPositiveDiffusivityScale] = Math.Log(0.5);
        Assert.True(After(slowKinetics, 120).PlatingOverpotential_V < fresh.PlatingOverpotential_V);
        Assert.True(After(slowDiffusion, 120).PlatingOverpotential_V < fresh.PlatingOverpotential_V);
        Assert.True(After(slowPositive, 120).Voltage_V > fresh.Voltage_V);
    }

    [Fact]
    public void ThermalScales_SlowTheHeatingAndCoolTheCell()
    {
        var fresh = After(Fresh(), 300);
        var heavy = Fresh();
        heavy[Model.Layout.LnHeatCapacityScale] = Math.Log(2);
        var cooled = Fresh();
        cooled[Model.Layout.LnHeatTransferScale] = Math.Log(4);
        Assert.True(After(heavy, 300).CoreTemperature_K < fresh.CoreTemperature_K);
        Assert.True(After(cooled, 300).CoreTemperature_K < fresh.CoreTemperature_K);
    }

    [Fact]
    public void Step_CopiesTheParameterBlockUnchanged()
    {
        var state = Fresh();
        for (var i = 0; i < Model.Layout.ParameterCount; i++)
        {
            state[Model.Layout.ParameterStart + i] = 0.01 * (i + 1);
        }

        var next = new double[state.Length];
        Model.Step(state, 10.0, 298.15, 1.0, next);
        Assert.Equal(state.AsSpan(Model.Layout.ParameterStart, Model.Layout.ParameterCount).ToArray(), next.AsSpan(Model.Layout.ParameterStart, Model.Layout.ParameterCount).ToArray());
    }
}
