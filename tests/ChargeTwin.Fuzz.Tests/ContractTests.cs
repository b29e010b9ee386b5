using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.Fuzz.Tests;

/// <summary>
/// The harness contract itself can fail: what it refuses to count as a clean refusal (the project's error types now put
/// themselves on one line, so a two-line message is built here with a plain exception).
/// </summary>
public sealed class ContractTests
{
    [Fact]
    public void ARefusalOnTwoLines_IsAViolation()
    {
        var e = Assert.Throws<ContractViolationException>(() => Outcome.Refused(new InvalidDataException("c.yaml:3: x: bad\nvalue"), "c.yaml"));

        Assert.Contains("is not one line", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('\r')]
    [InlineData('\u0085')]
    [InlineData('\u2028')]
    public void ARefusalBrokenByAnyLineEnd_IsAViolation(char lineEnd)
    {
        Assert.Throws<ContractViolationException>(() => Outcome.Refused(new InvalidDataException($"c.yaml:3: x: bad{lineEnd}value"), "c.yaml"));
    }

    [Fact]
    public void ARefusalThatDoesNotNameItsFile_IsAViolation()
    {
        var e = Assert.Throws<ContractViolationException>(() => Outcome.Refused(new CampaignException("other.yaml", 3, "x", "bad"), "c.yaml"));

        Assert.Contains("does not start with its location 'c.yaml'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocatedOneLineRefusal_IsTheOutcome_WithTheScratchFolderTakenOut()
    {
        Assert.Equal("refused: c.yaml:3: x: bad", Outcome.Refused(new CampaignException("/tmp/s/c.yaml", 3, "x", "bad"), "/tmp/s/c.yaml", "/tmp/s/"));
    }

    [Fact]
    public void AnotherExceptionFromAReader_EscapesTheHarness()
    {
        // an unreadable DBC signal layout is the parser's error; a harness must not swallow what is not
        Assert.Throws<InvalidOperationException>(() => new FuzzTarget("t", "", _ => throw new InvalidOperationException("boom")).Run([]));
    }
}
