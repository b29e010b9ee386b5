namespace ChargeTwin.Fuzz.Tests;

/// <summary>The committed corpus and regression inputs of tests/ChargeTwin.Fuzz.</summary>
internal static class FuzzFiles
{
    private static readonly string s_root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "ChargeTwin.Fuzz"));

    public static string Corpus(string target) => Path.Combine(s_root, "corpus", target);

    public static string Regressions(string target) => Path.Combine(s_root, "regressions", target);

    public static IEnumerable<string> Folders(string kind) =>
        Directory.EnumerateDirectories(Path.Combine(s_root, kind)).Select(Path.GetFileName).OfType<string>();

    /// <summary>The inputs in <paramref name="folder"/> (not their .expected lines), in a stable order; none if it does not exist.</summary>
    public static IReadOnlyList<string> Inputs(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
        : [];
}
