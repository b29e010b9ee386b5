using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

public sealed class EmbeddedCellTests
{
    public static TheoryData<string, string> Cells => new()
    {
        { "okane2022", "OKane2022" },
        { "ai2020", "Ai2020" },
        { "ecker2015", "Ecker2015" },
        { "lgm50", "LGM50" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void EmbeddedCell_Loads_WithNameSourceAndCitations(string id, string name)
    {
        var set = CellLibrary.Load(id);

        Assert.Equal(name, set.Name);
        Assert.Equal($"embedded:{id}", set.Source);
        Assert.NotEmpty(set.Citations);
        Assert.False(string.IsNullOrWhiteSpace(set.Description));
        Assert.Contains("7c9f5bd", set.Provenance, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OKane2022", "okane2022", "OKane2022")]
    [InlineData("AI2020", "ai2020", "Ai2020")]
    [InlineData(" Ecker2015 ", "ecker2015", "Ecker2015")]
    public void EmbeddedCellIds_AreCaseInsensitive(string id, string canonicalId, string name)
    {
        var set = CellLibrary.Load(id);

        Assert.Equal(name, set.Name);
        Assert.Equal($"embedded:{canonicalId}", set.Source);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void EmbeddedCell_HasEveryScalarAndFunctionTheDfnNeeds(string id, string name)
    {
        var set = CellLibrary.Load(id);

        var missing = DfnParameterNames.Scalars.Where(n => !set.TryGetScalar(n, out var v) || !double.IsFinite(v)).ToList();
        Assert.True(missing.Count == 0, $"{name} lacks: {string.Join("; ", missing)}");
        foreach (var function in DfnParameterNames.Functions)
        {
            Assert.True(set.TryGetFunction(function, out _), $"{name} lacks the function {function}");
        }
    }

    [Theory]
    [InlineData("okane2022")]
    [InlineData("ecker2015")]
    public void PlatingCells_HavePlatingAndSeiParameters(string id)
    {
        var set = CellLibrary.Load(id);

        foreach (var parameter in DfnParameterNames.Plating.Concat(DfnParameterNames.Sei))
        {
            Assert.True(set.TryGetScalar(parameter, out _), $"{id} lacks {parameter}");
        }
    }

    [Fact]
    public void Ai2020_HasSeiAndVolumeChangeButNoPlating()
    {
        var set = CellLibrary.Load("ai2020");

        Assert.All(DfnParameterNames.Sei, p => Assert.True(set.Contains(p), p));
        Assert.False(set.Contains("Lithium plating kinetic rate constant [m.s-1]"));
        Assert.True(set.TryGetFunction("Negative electrode volume change", out _));
        Assert.True(set.TryGetFunction("Positive electrode volume change", out _));
    }

    [Fact]
    public void EmbeddedScalars_AreExactlyTheSourceValues()
    {
        // spot values, as written in data/cells/*.yaml and PyBaMM's get_parameter_values()
        var okane = CellLibrary.Load("okane2022");
        Assert.Equal(8.52e-05, okane.Scalar("Negative electrode thickness [m]"));
        Assert.Equal(33133.0, okane.Scalar("Maximum concentration in negative electrode [mol.m-3]"));
        Assert.Equal(29866.0, okane.Scalar("Initial concentration in negative electrode [mol.m-3]"));
        Assert.Equal(0.2594, okane.Scalar("Cation transference number"));
        Assert.Equal(1e-09, okane.Scalar("Lithium plating kinetic rate constant [m.s-1]"));
        Assert.Equal(0.65, okane.Scalar("Lithium plating transfer coefficient"));
        Assert.Equal(3.9e-20, okane.Scalar("Negative electrode cracking rate"));

        var ai = CellLibrary.Load("ai2020");
        Assert.Equal(34.0, ai.Scalar("Number of electrodes connected in parallel to make a cell"));
        Assert.Equal(2.914, ai.Scalar("Negative electrode Bruggeman coefficient (electrolyte)"));
        Assert.Equal(-7.28e-07, ai.Scalar("Positive electrode partial molar volume [m3.mol-1]"));

        var ecker = CellLibrary.Load("ecker2015");
        Assert.Equal(1.6372789338386007, ecker.Scalar("Negative electrode Bruggeman coefficient (electrolyte)"));
        Assert.Equal(26120.05, ecker.Scalar("Initial concentration in negative electrode [mol.m-3]"));
        Assert.Equal(296.15, ecker.Scalar("Reference temperature [K]"));
    }

    [Fact]
    public void EmbeddedCells_CountEveryParameterOfTheirSource()
    {
        // the shared data's parameters: block, plus the two cracking rates moved there from functions:
        Assert.Equal(115 + 2 + 10, CellLibrary.Load("okane2022").Names.Count());
        Assert.Equal(110 + 2 + 13, CellLibrary.Load("ai2020").Names.Count());
        Assert.Equal(96 + 8, CellLibrary.Load("ecker2015").Names.Count());
    }
}
