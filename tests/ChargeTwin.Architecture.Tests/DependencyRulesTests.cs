namespace ChargeTwin.Architecture.Tests;

/// <summary>The rule on synthetic projects: every edge the table allows passes, and each forbidden one is named.</summary>
public sealed class DependencyRulesTests
{
    private const string RtCore = "rt-core/ChargeTwin.RtCore.csproj";
    private const string Firmware = "firmware-interface/ChargeTwin.FirmwareInterface.csproj";
    private const string Controller = "controller/ChargeTwin.Controller.csproj";
    private const string Cells = "controller/Cells/ChargeTwin.Cells.csproj";
    private const string HilBench = "hil-bench/ChargeTwin.HilBench.csproj";
    private const string Cli = "hil-bench/cli/ChargeTwin.Bench.csproj";
    private const string SafetyCases = "safety-cases/ChargeTwin.SafetyCases.csproj";
    private const string BenchTests = "tests/ChargeTwin.HilBench.Tests/ChargeTwin.HilBench.Tests.csproj";

    /// <summary>The product projects with every reference the table allows (and the tests referencing them all).</summary>
    private static Dictionary<string, IReadOnlyList<string>> FullyLayered() => new(StringComparer.Ordinal)
    {
        [RtCore] = [],
        [Firmware] = [RtCore],
        [Cells] = [RtCore],
        [Controller] = [RtCore, Firmware, Cells],
        [HilBench] = [RtCore, Firmware, Controller, Cells],
        [Cli] = [HilBench, Controller, Cells, Firmware, RtCore],
        [SafetyCases] = [HilBench, Cli, Controller, Cells, Firmware, RtCore],
        [BenchTests] = [HilBench, Cli, SafetyCases, Controller, Cells, Firmware, RtCore],
    };

    private static Dictionary<string, IReadOnlyList<string>> With(string project, string reference)
    {
        var projects = FullyLayered();
        projects[project] = [.. projects.GetValueOrDefault(project) ?? [], reference];
        return projects;
    }

    [Fact]
    public void EveryReferenceTheTableAllows_Passes() => Assert.Empty(DependencyRules.Check(FullyLayered()));

    [Theory]
    [InlineData(Controller, HilBench)]
    [InlineData(Controller, Cli)]
    [InlineData(Controller, SafetyCases)]
    [InlineData(Cells, Controller)]
    [InlineData(Cells, Firmware)]
    [InlineData(Cells, HilBench)]
    [InlineData(Firmware, Controller)]
    [InlineData(Firmware, Cells)]
    [InlineData(Firmware, HilBench)]
    [InlineData(RtCore, Firmware)]
    [InlineData(RtCore, Controller)]
    [InlineData(RtCore, Cells)]
    [InlineData(RtCore, HilBench)]
    [InlineData(RtCore, SafetyCases)]
    [InlineData(HilBench, SafetyCases)]
    [InlineData(Cli, SafetyCases)]
    [InlineData(HilBench, BenchTests)]
    [InlineData(SafetyCases, BenchTests)]
    public void AForbiddenReference_IsTheOneViolation(string project, string reference)
    {
        var violation = Assert.Single(DependencyRules.Check(With(project, reference)));

        Assert.Equal(project, violation.Project);
        Assert.Equal(reference, violation.Reference);
    }

    [Theory]
    [InlineData(SafetyCases, HilBench)]
    [InlineData(SafetyCases, Cells)]
    [InlineData(SafetyCases, RtCore)]
    [InlineData(HilBench, Cells)]
    [InlineData(HilBench, Firmware)]
    [InlineData(Cli, HilBench)]
    [InlineData(Controller, Cells)]
    [InlineData(Controller, Firmware)]
    [InlineData(Firmware, RtCore)]
    [InlineData(Cells, RtCore)]
    [InlineData(BenchTests, SafetyCases)]
    [InlineData(BenchTests, Cli)]
    public void AnAllowedReference_Passes(string project, string reference)
    {
        var projects = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [project] = [reference] };

        Assert.Empty(DependencyRules.Check(projects));
    }

    [Fact]
    public void TheMessage_NamesProjectReferenceAndRule()
    {
        var violation = Assert.Single(DependencyRules.Check(With(Controller, HilBench)));

        Assert.Equal(
            "controller/ChargeTwin.Controller.csproj references hil-bench/ChargeTwin.HilBench.csproj: controller may reference "
            + "rt-core, firmware-interface, not hil-bench (docs/ARCHITECTURE.md, the dependency rule)",
            violation.ToString());
    }

    [Fact]
    public void RtCore_MayReferenceNoOtherLayer()
    {
        var violation = Assert.Single(DependencyRules.Check(With(RtCore, Controller)));

        Assert.StartsWith("rt-core may reference no other layer, not controller", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_DependsOnRtCoreOnly_EvenInItsOwnLayer()
    {
        var violation = Assert.Single(DependencyRules.Check(With(Cells, Controller)));

        Assert.StartsWith("ChargeTwin.Cells depends on ChargeTwin.RtCore only", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void AProjectInNoLayer_IsReported()
    {
        var projects = FullyLayered();
        projects["tools/Generator/Generator.csproj"] = [RtCore];

        var violation = Assert.Single(DependencyRules.Check(projects));

        Assert.Equal("tools/Generator/Generator.csproj", violation.Project);
        Assert.Null(violation.Reference);
        Assert.Contains("no layer of the dependency table", violation.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vendor/Thing/Thing.csproj")]
    [InlineData("../elsewhere/Thing.csproj")]
    [InlineData("Root.csproj")]
    public void AReferenceToAProjectInNoLayer_IsReported(string reference)
    {
        var violation = Assert.Single(DependencyRules.Check(With(HilBench, reference)));

        Assert.Equal(reference, violation.Reference);
        Assert.Contains("in no layer", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFromSolution_NamesTheProjectsTheSolutionLacks()
    {
        var missing = DependencyRules.MissingFromSolution([Cells, RtCore, Controller], [RtCore, Controller]);

        Assert.Equal([Cells], missing);
    }

    [Fact]
    public void SolutionProjects_AreTheCsprojPathsWithForwardSlashes()
    {
        const string solution = """
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "controller", "controller", "{81EDE426-8042-932C-1674-F98964B0656C}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "ChargeTwin.Cells", "controller\Cells\ChargeTwin.Cells.csproj", "{92D5C072-C90D-4E72-B03A-D8BE436E22FE}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "ChargeTwin.RtCore", "rt-core\ChargeTwin.RtCore.csproj", "{441815F9-B1DD-4750-B9F6-FE448310E014}"
            EndProject
            """;

        Assert.Equal([Cells, RtCore], ProjectFiles.SolutionProjects(solution));
    }
}
