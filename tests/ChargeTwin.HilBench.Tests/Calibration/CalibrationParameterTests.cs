using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Fitted quantities: exposing constants of functions, the derived heat capacity, bounds and names.</summary>
public sealed class CalibrationParameterTests
{
    private static readonly ParameterSet OKane = CellLibrary.Load("okane2022");

    [Fact]
    public void ExposedConstants_LeaveEveryFunctionValueUnchanged()
    {
        var exposed = CalibrationBase.Expose(OKane, CalibrationDefaults.Parameters);

        Assert.Equal(30300.0, exposed.Scalar("Negative particle diffusivity activation energy [J.mol-1]"));
        Assert.Equal(3.42e-6, exposed.Scalar("Positive electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]"));
        Assert.Equal(
            "param(\"Negative particle diffusivity reference value [m2.s-1]\") * arr(param(\"Negative particle diffusivity activation energy [J.mol-1]\"), 298.15)",
            exposed.Function("Negative particle diffusivity [m2.s-1]").Expression);
        foreach (var name in new[] { "Negative particle diffusivity [m2.s-1]", "Positive particle diffusivity [m2.s-1]" })
        {
            Assert.Equal(OKane.Function(name).Evaluate([0.4, 318.15]), exposed.Function(name).Evaluate([0.4, 318.15]), 15);
        }

        foreach (var name in new[] { "Negative electrode exchange-current density [A.m-2]", "Positive electrode exchange-current density [A.m-2]" })
        {
            double[] args = [1000, 12000, 30000, 318.15];
            Assert.Equal(OKane.Function(name).Evaluate(args), exposed.Function(name).Evaluate(args), 15);
        }
    }

    [Fact]
    public void AnExposedActivationEnergy_ChangesTheFunctionAwayFromTheReferenceTemperatureOnly()
    {
        var exposed = CalibrationBase.Expose(OKane, ["Negative particle diffusivity activation energy [J.mol-1]"]);
        var changed = exposed.With("Negative particle diffusivity activation energy [J.mol-1]", 60600);
        var d = changed.Function("Negative particle diffusivity [m2.s-1]");
        var d0 = exposed.Function("Negative particle diffusivity [m2.s-1]");

        Assert.Equal(d0.Evaluate([0.5, 298.15]), d.Evaluate([0.5, 298.15]));
        var ratio = d.Evaluate([0.5, 318.15]) / d0.Evaluate([0.5, 318.15]);
        Assert.Equal(Math.Exp(30300 / PhysicalConstants.GasConstant * (1 / 298.15 - 1 / 318.15)), ratio, 10);
    }

    [Fact]
    public void HeatCapacity_IsWhatThePlantIntegrates_AndScalesEveryLayer()
    {
        var p = CalibrationParameter.Create(CalibrationParameter.CellHeatCapacity, OKane);
        var plant = new DfnParameters(OKane);

        Assert.Equal(plant.VolumetricHeatCapacity_JPerM3K * plant.CellVolume_m3, p.Read(OKane), 9);
        var heavier = p.Apply(OKane, 2 * p.Read(OKane));
        Assert.Equal(2 * p.Read(OKane), new DfnParameters(heavier).VolumetricHeatCapacity_JPerM3K * plant.CellVolume_m3, 9);
        Assert.Equal(1400.0, heavier.Scalar("Separator specific heat capacity [J.kg-1.K-1]"), 9);
    }

    [Fact]
    public void DefaultScalesAndBounds_FollowTheKindOfParameter()
    {
        var set = CalibrationBase.Expose(OKane, CalibrationDefaults.Parameters);
        var all = CalibrationDefaults.Parameters.Select(n => CalibrationParameter.Create(n, set)).ToList();

        // linear: the resistance (it may be zero) and the activation energies (ln D(T) is then linear in the fit
        // coordinates ln D_ref and E); log: everything positive that scales
        static bool Linear(CalibrationParameter p) => p.Name == "Contact resistance [Ohm]" || p.Name.Contains("activation energy", StringComparison.Ordinal);
        Assert.Equal(5, all.Count(Linear));
        Assert.All(all, p => Assert.Equal(Linear(p) ? FitScale.Linear : FitScale.Log, p.Scale));
        Assert.All(all, p => Assert.InRange(p.Read(set), p.Lower, p.Upper));
        var energy = all.Single(p => p.Name.StartsWith("Negative particle diffusivity activation", StringComparison.Ordinal));
        Assert.Equal(30300, energy.ToFit(30300), 12);
        Assert.Equal((5e3, 1e5), (energy.Lower, energy.Upper));
        var diffusivity = all.Single(p => p.Name.StartsWith("Negative particle diffusivity reference", StringComparison.Ordinal));
        Assert.Equal(Math.Log(diffusivity.Read(set)), diffusivity.ToFit(diffusivity.Read(set)), 12);
    }

    [Fact]
    public void AMissingContactResistance_IsAddedAtThePlantsDefault_AndThenFitted()
    {
        var doc = CellFileDocument.FromSet(OKane);
        doc.Parameters.RemoveAll(p => p.Name == "Contact resistance [Ohm]");
        var path = Path.Combine(CalibrationFiles.TempDirectory(), "no-contact-resistance.yaml");
        CellFileWriter.Write(doc, path);
        var cell = CellLibrary.Load(path);
        Assert.False(cell.TryGetScalar("Contact resistance [Ohm]", out _));

        var exposed = CalibrationBase.Expose(cell, ["Contact resistance [Ohm]"]);
        var p = CalibrationParameter.Create("Contact resistance [Ohm]", exposed);

        Assert.Equal(0.0, exposed.Scalar("Contact resistance [Ohm]"));
        Assert.Equal(0.012, p.Read(p.Apply(exposed, 0.012)));
        Assert.Equal(0.012, new DfnParameters(p.Apply(exposed, 0.012)).ContactResistance_Ohm, 12);
    }

    [Fact]
    public void UnknownName_IsRejectedWithSuggestions()
    {
        var error = Assert.Throws<CalibrationInputException>(() => CalibrationParameter.Create("Contact resistanse [Ohm]", OKane));

        Assert.StartsWith("--fit 'Contact resistanse [Ohm]': the cell has no such scalar (did you mean 'Contact resistance [Ohm]'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFunction_CannotBeFittedDirectly()
    {
        var error = Assert.Throws<CalibrationInputException>(() => CalibrationParameter.Create("Negative particle diffusivity [m2.s-1]", OKane));

        Assert.Equal("--fit 'Negative particle diffusivity [m2.s-1]': it is a function; fit a scalar it reads with param(\"…\") instead", error.Message);
    }

    [Fact]
    public void BoundsThatExcludeTheStartValue_AreRejected()
    {
        var error = Assert.Throws<CalibrationInputException>(() => CalibrationParameter.Create("Total heat transfer coefficient [W.m-2.K-1]", OKane, 20, 50));

        Assert.Equal("--fit 'Total heat transfer coefficient [W.m-2.K-1]': bounds 20..50 exclude the start value 10 of cell 'OKane2022'", error.Message);
    }

    [Fact]
    public void NonPositiveBoundsOfALogScaleParameter_AreRejected()
    {
        var error = Assert.Throws<CalibrationInputException>(() => CalibrationParameter.Create("Total heat transfer coefficient [W.m-2.K-1]", OKane, -1, 50));

        Assert.Contains("not positive (the parameter is fitted on a log scale)", error.Message, StringComparison.Ordinal);
    }
}
