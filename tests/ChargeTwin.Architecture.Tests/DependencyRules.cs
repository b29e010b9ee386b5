namespace ChargeTwin.Architecture.Tests;

/// <summary>
/// One row of the dependency table: a layer is a folder at the repository root, and its projects may reference
/// projects of their own layer and of <see cref="MayReference"/> (null: any layer).
/// </summary>
public sealed record Layer(string Folder, IReadOnlyList<string>? MayReference);

/// <summary>A project, or one of its project references, that breaks the dependency rule, and the rule.</summary>
/// <param name="Project">The referencing project (repository-relative path).</param>
/// <param name="Reference">The referenced project (repository-relative path), or null when the project itself is at fault.</param>
/// <param name="Rule">The rule it breaks, in words.</param>
public sealed record Violation(string Project, string? Reference, string Rule)
{
    public override string ToString() => Reference is null ? $"{Project}: {Rule}" : $"{Project} references {Reference}: {Rule}";
}

/// <summary>
/// The dependency rule of docs/ARCHITECTURE.md, written once as data, and its check on a set of projects with
/// their project references. Paths are relative to the repository root, with '/' between folders.
/// </summary>
public static class DependencyRules
{
    public const string Document = "docs/ARCHITECTURE.md";

    /// <summary>The dependency table, top to bottom: arrows only point down it.</summary>
    public static IReadOnlyList<Layer> Layers { get; } =
    [
        new("rt-core", []),
        new("firmware-interface", ["rt-core"]),
        new("controller", ["rt-core", "firmware-interface"]),
        new("hil-bench", ["rt-core", "firmware-interface", "controller"]),
        new("safety-cases", ["hil-bench", "rt-core", "firmware-interface", "controller"]),
        new("tests", null),
    ];

    /// <summary>Projects stricter than their layer: each may reference the listed projects and nothing else, not even a project of its own layer.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Restricted { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["controller/Cells/ChargeTwin.Cells.csproj"] = ["rt-core/ChargeTwin.RtCore.csproj"],
    };

    /// <summary>The layer a project belongs to: the folder it sits in at the repository root (null: none).</summary>
    public static Layer? LayerOf(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var folder = path[..slash];
        return Layers.FirstOrDefault(l => l.Folder == folder);
    }

    /// <summary>Every project and reference in <paramref name="references"/> (project → the projects it references) that breaks the rule.</summary>
    public static IReadOnlyList<Violation> Check(IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        var violations = new List<Violation>();
        foreach (var (project, referenced) in references.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var layer = LayerOf(project);
            if (layer is null)
            {
                violations.Add(new(project, null, $"its folder is no layer of the dependency table ({Folders}); give it a row in {Document} and in {nameof(DependencyRules)}"));
                continue;
            }

            foreach (var reference in referenced)
            {
                if (Rule(project, layer, reference) is { } rule)
                {
                    violations.Add(new(project, reference, rule));
                }
            }
        }

        return violations;
    }

    /// <summary>The projects of <paramref name="projects"/> that <paramref name="solutionEntries"/> (the solution's project paths) does not hold.</summary>
    public static IReadOnlyList<string> MissingFromSolution(IEnumerable<string> projects, IEnumerable<string> solutionEntries)
    {
        var inSolution = solutionEntries.ToHashSet(StringComparer.Ordinal);
        return [.. projects.Where(p => !inSolution.Contains(p)).Order(StringComparer.Ordinal)];
    }

    private static string Folders => string.Join(", ", Layers.Select(l => l.Folder));

    /// <summary>Why <paramref name="project"/> may not reference <paramref name="reference"/>, or null when it may.</summary>
    private static string? Rule(string project, Layer layer, string reference)
    {
        if (Restricted.TryGetValue(project, out var only) && !only.Contains(reference, StringComparer.Ordinal))
        {
            return $"{Path.GetFileNameWithoutExtension(project)} depends on {string.Join(", ", only.Select(Path.GetFileNameWithoutExtension))} only ({Document}, the dependency rule)";
        }

        if (layer.MayReference is null)
        {
            return null;
        }

        var target = LayerOf(reference);
        if (target is null)
        {
            return $"the referenced project is in no layer of the dependency table ({Folders})";
        }

        if (target == layer || layer.MayReference.Contains(target.Folder, StringComparer.Ordinal))
        {
            return null;
        }

        var allowed = layer.MayReference.Count == 0 ? "no other layer" : string.Join(", ", layer.MayReference);
        return $"{layer.Folder} may reference {allowed}, not {target.Folder} ({Document}, the dependency rule)";
    }
}
