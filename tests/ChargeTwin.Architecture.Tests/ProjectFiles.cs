using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ChargeTwin.Architecture.Tests;

/// <summary>
/// The projects of a repository read as files: where the repository is, its csproj files, their project
/// references (resolved to repository-relative paths with '/') and the projects a solution file lists.
/// </summary>
public static partial class ProjectFiles
{
    /// <summary>Folders that hold build output or tool state, never a project of ours.</summary>
    private static readonly string[] SkippedFolders = ["bin", "obj", "out", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules"];

    private static readonly Lazy<string> Root = new(() => FindRoot(AppContext.BaseDirectory));

    /// <summary>The repository this test runs from: the nearest folder above the test binaries holding ChargeTwin.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChargeTwin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ChargeTwin.sln not found above {start}");
    }

    /// <summary>Every csproj under <paramref name="root"/>, outside build output and hidden folders, in path order.</summary>
    public static IReadOnlyList<string> Find(string root)
    {
        var found = new List<string>();
        Collect(new DirectoryInfo(root), root, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Every csproj under <paramref name="root"/> with the projects it references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadAll(string root) =>
        Find(root).ToDictionary(p => p, p => References(root, p), StringComparer.Ordinal);

    /// <summary>The ProjectReference items of <paramref name="project"/> (repository-relative), resolved against its folder.</summary>
    public static IReadOnlyList<string> References(string root, string project)
    {
        var path = Path.Combine(root, project);
        var folder = Path.GetDirectoryName(path)!;
        var references = new List<string>();
        foreach (var item in XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var include = (string?)item.Attribute("Include") ?? "";
            foreach (var entry in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var expanded = entry
                    .Replace("$(MSBuildThisFileDirectory)", folder + "/", StringComparison.Ordinal)
                    .Replace("$(MSBuildProjectDirectory)", folder, StringComparison.Ordinal);
                if (expanded.Contains("$(", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{project}: ProjectReference \"{entry}\" uses an MSBuild property the architecture check cannot resolve; write the path relative to the project");
                }

                references.Add(Relative(root, Path.GetFullPath(Path.Combine(folder, expanded.Replace('\\', '/')))));
            }
        }

        return references;
    }

    /// <summary>The csproj paths a solution file lists (repository-relative, with '/').</summary>
    public static IReadOnlyList<string> SolutionProjects(string solutionText) =>
        [.. SolutionProjectLine().Matches(solutionText)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))];

    private static void Collect(DirectoryInfo directory, string root, List<string> found)
    {
        found.AddRange(directory.EnumerateFiles("*.csproj").Select(f => Relative(root, f.FullName)));
        foreach (var child in directory.EnumerateDirectories())
        {
            if (!child.Name.StartsWith('.') && !SkippedFolders.Contains(child.Name, StringComparer.Ordinal))
            {
                Collect(child, root, found);
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex("""^Project\("\{[^}]*\}"\)\s*=\s*"[^"]*"\s*,\s*"(?<path>[^"]*)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjectLine();
}
