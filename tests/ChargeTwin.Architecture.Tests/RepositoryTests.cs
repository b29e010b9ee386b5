namespace ChargeTwin.Architecture.Tests;

/// <summary>The dependency rule on this repository's own project files, solution and architecture document.</summary>
public sealed class RepositoryTests
{
    private static readonly string Root = ProjectFiles.RepositoryRoot;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Projects = ProjectFiles.ReadAll(Root);

    [Fact]
    public void ProjectReferences_FollowTheDependencyTable()
    {
        var violations = DependencyRules.Check(Projects);

        Assert.True(violations.Count == 0, "project references against the dependency rule:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TheCheck_SeesEveryProductFolder()
    {
        // Guards the check above against passing on a tree it did not find.
        foreach (var layer in DependencyRules.Layers)
        {
            Assert.Contains(Projects.Keys, p => DependencyRules.LayerOf(p) == layer);
        }
    }

    [Fact]
    public void TheRestrictedProjects_ExistAndReferenceOnlyWhatTheyMay()
    {
        foreach (var (project, only) in DependencyRules.Restricted)
        {
            Assert.True(Projects.TryGetValue(project, out var references), $"{project} not found: the rule that restricts its references checks nothing");
            var others = references.Except(only, StringComparer.Ordinal).ToList();
            Assert.True(others.Count == 0, $"{project} references {string.Join(", ", others)}: it depends on {string.Join(", ", only)} only ({DependencyRules.Document})");
        }
    }

    [Fact]
    public void EveryProject_IsInTheSolution()
    {
        var solution = ProjectFiles.SolutionProjects(File.ReadAllText(Path.Combine(Root, "ChargeTwin.sln")));

        var missing = DependencyRules.MissingFromSolution(Projects.Keys, solution);

        Assert.True(missing.Count == 0, "not in ChargeTwin.sln, so `make test` neither builds nor tests them: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheDocumentsTable_IsTheTableChecked()
    {
        var documented = DocumentedRules.Parse(File.ReadAllText(Path.Combine(Root, DependencyRules.Document)));

        Assert.Equal(Describe(DependencyRules.Layers), Describe(documented));
    }

    private static string[] Describe(IEnumerable<Layer> layers) =>
        [.. layers.Select(l => $"{l.Folder} → {l.MayReference switch
        {
            null => "anything",
            [] => "nothing",
            var allowed => string.Join(", ", allowed.Order(StringComparer.Ordinal)),
        }}")];
}
