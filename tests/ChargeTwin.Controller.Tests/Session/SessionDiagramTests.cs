using ChargeTwin.Controller.Session;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>
/// controller/Session/charging-session.dot and the Mermaid block in controller/Session/README.md are what Stateless
/// exports from the configured machine. After changing the machine or its default limits, regenerate them with:
/// CHARGETWIN_REGENERATE_SESSION_DIAGRAMS=1 dotnet test tests/ChargeTwin.Controller.Tests -c Release --filter "FullyQualifiedName~SessionDiagram"
/// </summary>
public sealed class SessionDiagramTests
{
    private const string Begin = "```mermaid\n", End = "```\n";
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "controller", "Session");
    private static readonly bool Regenerate = Environment.GetEnvironmentVariable("CHARGETWIN_REGENERATE_SESSION_DIAGRAMS") == "1";

    [Fact]
    public void CommittedDot_IsWhatTheMachineExports()
    {
        var path = Path.Combine(Folder, "charging-session.dot");
        var generated = SessionDiagram.Dot();
        if (Regenerate)
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path).ReplaceLineEndings("\n") == generated, $"{path} is stale; regenerate it (see this test's summary)");
    }

    [Fact]
    public void TheReadmesMermaidBlock_IsWhatTheMachineExports()
    {
        var path = Path.Combine(Folder, "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = start < 0 ? -1 : readme.IndexOf(End, start + Begin.Length, StringComparison.Ordinal);
        Assert.True(end > start, $"{path} has no ```mermaid block for the diagram");
        var generated = SessionDiagram.Mermaid().TrimEnd('\n') + "\n";
        if (Regenerate)
        {
            File.WriteAllText(path, readme[..(start + Begin.Length)] + generated + readme[end..]);
            readme = File.ReadAllText(path).ReplaceLineEndings("\n");
            end = start + Begin.Length + generated.Length;
        }

        Assert.True(readme[(start + Begin.Length)..end] == generated, $"the diagram in {path} is stale; regenerate it (see this test's summary)");
    }

    [Fact]
    public void TheDiagram_CarriesEveryGuardsDescription()
    {
        var mermaid = SessionDiagram.Mermaid();
        foreach (var text in (string[])["T < 5 °C", "T ≥ 10 °C", "V ≥ 4.15 V", "I ≤ 0.25 A for 30 s", "monitor no longer demands EmergencyStop", "rested 60 s", "plating evidence ≥ 1"])
        {
            Assert.Contains(text, mermaid, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChargeTwin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChargeTwin.sln not found above " + AppContext.BaseDirectory);
    }
}
