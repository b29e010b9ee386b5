using ChargeTwin.FirmwareInterface.CodeGen;
using ChargeTwin.FirmwareInterface.E2E;

namespace ChargeTwin.FirmwareInterface.Tests.CodeGen;

/// <summary>
/// firmware-interface/can-protocol/chargetwin.h is what firmware engineers take; it must be what the DBC generates.
/// After changing the DBC, regenerate it with: CHARGETWIN_REGENERATE_HEADER=1 dotnet test --filter CommittedHeader
/// </summary>
public sealed class CommittedHeaderTests
{
    [Fact]
    public void CommittedHeader_IsWhatTheShippedDbcGenerates()
    {
        string committed = Path.Combine(RepositoryRoot(), "firmware-interface", "can-protocol", "chargetwin.h");
        string generated = CHeaderGenerator.Generate(E2EConfiguration.FromDatabase(TestProtocol.Database));
        if (Environment.GetEnvironmentVariable("CHARGETWIN_REGENERATE_HEADER") == "1")
        {
            File.WriteAllText(committed, generated);
        }

        Assert.True(File.Exists(committed), $"{committed} is missing; regenerate it (see this test's summary)");
        Assert.True(generated == File.ReadAllText(committed), $"{committed} is stale; regenerate it (see this test's summary)");
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
