namespace ChargeTwin.Architecture.Tests;

/// <summary>
/// The safety monitor is independent of what it guards: no source in controller/Safety names the twin (its model,
/// estimator, solver) or the bench, so a fault in those cannot reach the monitor through code it shares.
/// </summary>
public sealed class SafetyMonitorIndependenceTests
{
    private static readonly string[] Forbidden = ["ChargeTwin.Controller.Twin", "ChargeTwin.HilBench", "ChargeTwin.SafetyCases"];

    [Fact]
    public void TheSafetyMonitor_DoesNotReference_TheTwinOrTheBench()
    {
        var folder = Path.Combine(ProjectFiles.RepositoryRoot, "controller", "Safety");
        var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(sources);

        var offenders = sources
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Forbidden.Any(name => x.line.Contains(name, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(ProjectFiles.RepositoryRoot, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "the safety monitor must not depend on the twin or the bench:\n" + string.Join("\n", offenders));
    }
}
