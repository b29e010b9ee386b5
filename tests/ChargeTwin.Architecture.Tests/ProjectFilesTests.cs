namespace ChargeTwin.Architecture.Tests;

/// <summary>Project files written to a scratch repository: found, their references resolved, a forbidden one caught.</summary>
public sealed class ProjectFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "chargetwin-arch-" + Guid.NewGuid().ToString("N"));

    public ProjectFilesTests() => Write("ChargeTwin.sln", "");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private void Project(string path, params string[] includes) => Write(path,
        "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n"
        + string.Concat(includes.Select(i => $"    <ProjectReference Include=\"{i}\" />\n"))
        + "  </ItemGroup>\n</Project>\n");

    [Fact]
    public void AForbiddenReferenceInAProjectFile_IsCaught()
    {
        Project("rt-core/ChargeTwin.RtCore.csproj");
        Project("hil-bench/ChargeTwin.HilBench.csproj", "../rt-core/ChargeTwin.RtCore.csproj");
        Project("controller/ChargeTwin.Controller.csproj", @"..\rt-core\ChargeTwin.RtCore.csproj", @"..\hil-bench\ChargeTwin.HilBench.csproj");

        var violation = Assert.Single(DependencyRules.Check(ProjectFiles.ReadAll(_root)));

        Assert.Equal("controller/ChargeTwin.Controller.csproj", violation.Project);
        Assert.Equal("hil-bench/ChargeTwin.HilBench.csproj", violation.Reference);
    }

    [Fact]
    public void BuildOutputAndHiddenFolders_AreNotSearched()
    {
        Project("rt-core/ChargeTwin.RtCore.csproj");
        Project("rt-core/obj/Generated.csproj");
        Project("tests/ChargeTwin.Benchmarks/bin/Release/net10.0/Generated/Generated.csproj");
        Project(".git/Stray.csproj");

        Assert.Equal(["rt-core/ChargeTwin.RtCore.csproj"], ProjectFiles.Find(_root));
    }

    [Fact]
    public void References_AreResolvedAgainstTheProjectsFolder()
    {
        Project(
            "hil-bench/cli/ChargeTwin.Bench.csproj",
            "../ChargeTwin.HilBench.csproj;../../controller/./Cells/ChargeTwin.Cells.csproj",
            "$(MSBuildThisFileDirectory)../../rt-core/ChargeTwin.RtCore.csproj");

        Assert.Equal(
            ["hil-bench/ChargeTwin.HilBench.csproj", "controller/Cells/ChargeTwin.Cells.csproj", "rt-core/ChargeTwin.RtCore.csproj"],
            ProjectFiles.References(_root, "hil-bench/cli/ChargeTwin.Bench.csproj"));
    }

    [Fact]
    public void AReferenceThroughAnUnknownProperty_IsAnErrorNamingTheProject()
    {
        Project("controller/ChargeTwin.Controller.csproj", "$(RepoRoot)/hil-bench/ChargeTwin.HilBench.csproj");

        var error = Assert.Throws<InvalidOperationException>(() => ProjectFiles.References(_root, "controller/ChargeTwin.Controller.csproj"));

        Assert.StartsWith("controller/ChargeTwin.Controller.csproj: ProjectReference \"$(RepoRoot)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRoot_IsTheFolderHoldingChargeTwinSln()
    {
        Directory.CreateDirectory(Path.Combine(_root, "tests", "X", "bin"));

        Assert.Equal(_root, ProjectFiles.FindRoot(Path.Combine(_root, "tests", "X", "bin")));
    }
}
