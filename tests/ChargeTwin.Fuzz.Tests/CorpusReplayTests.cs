using System.Diagnostics;

namespace ChargeTwin.Fuzz.Tests;

/// <summary>
/// Every committed fuzz input through its harness, as `make fuzz` runs it but without a fuzzer: the corpus keeps the
/// contract (a result, or the reader's own one-line located error — any other exception fails here with its type and
/// stack), and every regression input gives exactly its expected line.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Targets() => [.. FuzzTarget.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_EveryInputGivesAResultOrTheReadersOwnLocatedLine(string name)
    {
        var target = FuzzTarget.Find(name)!;
        var inputs = FuzzFiles.Inputs(FuzzFiles.Corpus(name));
        Assert.NotEmpty(inputs);
        int ok = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            string outcome;
            try
            {
                outcome = target.Run(File.ReadAllBytes(input));
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{name} corpus input {Path.GetFileName(input)}: {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
            }

            Assert.DoesNotContain('\n', outcome);
            if (outcome.StartsWith("ok: ", StringComparison.Ordinal))
            {
                ok++;
            }
            else
            {
                Assert.StartsWith("refused: ", outcome, StringComparison.Ordinal);
                refused++;
            }
        }

        // the seeds from the repository's own files load; a harness that refused everything would test nothing
        Assert.True(ok > 0, $"{name}: no corpus input loads ({refused} refused)");
        Console.WriteLine($"{name}: {inputs.Count} inputs ({ok} loaded, {refused} refused) in {clock.ElapsedMilliseconds} ms");
    }

    public static TheoryData<string, string> RegressionInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzFiles.Folders("regressions").Order(StringComparer.Ordinal))
        {
            foreach (var input in FuzzFiles.Inputs(FuzzFiles.Regressions(target)))
            {
                data.Add(target, Path.GetFileName(input));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void Regression_GivesItsExpectedLine(string target, string input)
    {
        var path = Path.Combine(FuzzFiles.Regressions(target), input);
        var expected = File.ReadAllText(path + ".expected").TrimEnd('\n');

        var outcome = FuzzTarget.Find(target)!.Run(File.ReadAllBytes(path));

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void EveryHarnessHasACorpus_AndEveryCorpusAndRegressionFolderAHarness()
    {
        Assert.Equal(
            FuzzTarget.All.Select(t => t.Name).Order(StringComparer.Ordinal),
            FuzzFiles.Folders("corpus").Order(StringComparer.Ordinal));
        Assert.All(FuzzFiles.Folders("regressions"), folder => Assert.NotNull(FuzzTarget.Find(folder)));
        Assert.All(
            FuzzFiles.Folders("regressions").SelectMany(f => FuzzFiles.Inputs(FuzzFiles.Regressions(f))),
            input => Assert.True(File.Exists(input + ".expected"), $"{input} has no .expected line"));
    }
}
