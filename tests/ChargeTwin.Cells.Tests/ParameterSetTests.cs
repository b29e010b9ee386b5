using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

public sealed class ParameterSetTests
{
    private const string PartialMolarVolume = "Positive electrode partial molar volume [m3.mol-1]";
    private const string VolumeChange = "Positive electrode volume change";

    [Fact]
    public void With_ChangesAParamDependentFunction_AndLeavesTheOriginalAlone()
    {
        var original = CellLibrary.Load("okane2022");

        var changed = original.With(PartialMolarVolume, 2.5e-05);

        Assert.Equal(2.5e-05, changed.Scalar(PartialMolarVolume));
        Assert.Equal(2.5e-05 * 63104.0 * 0.5, changed.Function(VolumeChange).Evaluate([0.5]), 1e-15);
        Assert.Equal(1.25e-05, original.Scalar(PartialMolarVolume));
        Assert.Equal(1.25e-05 * 63104.0 * 0.5, original.Function(VolumeChange).Evaluate([0.5]), 1e-15);
    }

    [Fact]
    public void With_KeepsFunctionsThatDoNotReadTheParameter()
    {
        var original = CellLibrary.Load("okane2022");

        var changed = original.With("Negative electrode porosity", 0.3);

        Assert.Same(original.Function("Negative electrode OCP [V]"), changed.Function("Negative electrode OCP [V]"));
        Assert.Equal(0.3, changed.Scalar("Negative electrode porosity"));
        Assert.Equal(original.Names, changed.Names);
        Assert.Equal(original.Name, changed.Name);
        Assert.Equal(original.Source, changed.Source);
    }

    [Fact]
    public void With_AFunctionName_ReplacesTheFunctionByAConstant()
    {
        var changed = CellLibrary.Load("ai2020").With("Negative electrode OCP entropic change [V.K-1]", 0);

        Assert.True(changed.Function("Negative electrode OCP entropic change [V.K-1]").IsConstant);
        Assert.Equal(0.0, changed.Function("Negative electrode OCP entropic change [V.K-1]").Evaluate([0.4]));
    }

    [Fact]
    public void With_AnUnknownName_IsAnError()
    {
        var set = CellLibrary.Load("okane2022");

        var error = Assert.Throws<ParameterException>(() => set.With("Negative electrode porosty", 0.3));

        Assert.Contains("no parameter 'Negative electrode porosty' to change", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Negative electrode porosity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalar_OfAMissingName_NamesTheCellAndItsSource()
    {
        var set = CellLibrary.Load("okane2022");

        var error = Assert.Throws<ParameterException>(() => set.Scalar("Negative electrode thicknes [m]"));

        Assert.StartsWith("cell 'OKane2022' (embedded:okane2022): no parameter 'Negative electrode thicknes [m]'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Negative electrode thickness [m]'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalar_OfAFunction_SaysItIsAFunction()
    {
        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load("okane2022").Scalar("Negative electrode OCP [V]"));

        Assert.Contains("is a function of (x), not a scalar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_OfAScalarOrAMissingName_IsAnError()
    {
        var set = CellLibrary.Load("ecker2015");

        Assert.Contains("is a scalar, not one of the function parameters",
            Assert.Throws<ParameterException>(() => set.Function("Negative electrode porosity")).Message, StringComparison.Ordinal);
        Assert.Contains("no parameter 'Negative electrode volume change'",
            Assert.Throws<ParameterException>(() => set.Function("Negative electrode volume change")).Message, StringComparison.Ordinal);
        Assert.False(set.TryGetFunction("Negative electrode volume change", out _));
    }

    [Fact]
    public void ContainsAndTryGetScalar_SeeScalarsAndFunctions()
    {
        var set = CellLibrary.Load("ai2020");

        Assert.True(set.Contains("Negative electrode thickness [m]"));
        Assert.True(set.Contains("Thermodynamic factor"));
        Assert.False(set.Contains("Lithium plating kinetic rate constant [m.s-1]"));
        Assert.True(set.TryGetScalar("Negative electrode thickness [m]", out var thickness));
        Assert.Equal(7.65e-05, thickness);
        Assert.False(set.TryGetScalar("Thermodynamic factor", out _));
    }

    [Fact]
    public void Evaluate_WithTooFewArguments_Throws()
    {
        var j0 = CellLibrary.Load("okane2022").Function("Negative electrode exchange-current density [A.m-2]");

        Assert.Equal(["c_e", "c_s", "c_max", "T"], j0.Arguments);
        Assert.Throws<ArgumentException>(() => j0.Evaluate([1000, 1000]));
        Assert.Throws<ArgumentException>(() => j0.Evaluate([1000, 1000, 30000, 298], new double[2]));
    }
}
