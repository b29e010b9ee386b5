using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.Tests.Shared;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>
/// The campaign files as shipped (the demo with its twin, the spread and detection campaigns), mutated byte by byte
/// with a fixed seed, and the twin's keys written badly: every result is a campaign or the loader's one-line located
/// error, never another exception. Not a coverage-guided fuzzer (issue 29); a regression net over every reader the
/// campaign loader calls.
/// </summary>
public sealed class CampaignMutationTests
{
    private static string Shipped(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "hil-bench", "campaign-files", name));

    private static Campaign Parse(string yaml) => CampaignLoader.Parse(yaml, "c.yaml", Path.GetTempPath());

    [Theory]
    [InlineData("demo.yaml", 1)]
    [InlineData("spread.yaml", 2)]
    [InlineData("detection.yaml", 3)]
    public void SeededMutations_GiveACampaignOrOneLocatedLine_NeverAnotherException(string file, int seed)
    {
        var valid = Shipped(file);
        Assert.NotNull(Parse(valid));
        int ok = 0, refused = 0, i = 0;
        foreach (var text in SeededMutations.Of(valid, seed, 400, ":[]{},-?&*!|>'\"#%@` \t\n0x1.e%-CVAsK°m"))
        {
            i++;
            try
            {
                Parse(text);
                ok++;
            }
            catch (CampaignException e)
            {
                Assert.True(!e.Message.Contains('\n') && e.Message.StartsWith("c.yaml", StringComparison.Ordinal), $"{file} mutation {i}: {e.Message}");
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{file} mutation {i} escaped as {e.GetType().Name}: {e.Message}\n---\n{text}");
            }
        }

        Assert.True(ok > 20 && refused > 100, $"{ok} loaded, {refused} refused");
    }

    [Theory]
    [InlineData("k: 2", "k: -1", "controllers.twin.k", "out of range")]
    [InlineData("k: 2", "k: 2 V", "controllers.twin.k", "")]
    [InlineData("min_plating_overpotential: 3 mV", "min_plating_overpotential: 3 K", "controllers.twin.min_plating_overpotential", "wrong unit 'K'")]
    [InlineData("max_temperature: 44.5 °C", "max_temperature: 44.5", "controllers.twin.max_temperature", "has no unit")]
    [InlineData("horizon: 60 s", "horizon: 0 s", "controllers.twin.horizon", "out of range")]
    [InlineData("horizon: 60 s", "horizn: 60 s", "controllers.twin.horizn", "did you mean 'horizon'")]
    public void BadTwinKeys_AreOneLineNamingTheField(string from, string to, string field, string problem)
    {
        var demo = Shipped("demo.yaml");
        var twin = demo.IndexOf("  twin:", StringComparison.Ordinal);
        var at = demo.IndexOf(from, twin, StringComparison.Ordinal);
        var yaml = demo[..at] + to + demo[(at + from.Length)..];
        var e = Assert.Throws<CampaignException>(() => Parse(yaml));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(1 + yaml[..at].Count(c => c == '\n'), e.Line);
    }
}
