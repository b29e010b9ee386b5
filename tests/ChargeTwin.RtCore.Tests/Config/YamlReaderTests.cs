using ChargeTwin.RtCore.Config;
using ChargeTwin.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.RtCore.Tests.Config;

/// <summary>The one strict YAML reader every config file goes through: a result, or the reader's own located error.</summary>
public sealed class YamlReaderTests
{
    private sealed class ConfigError(YamlLocation at, YamlProblem problem) : Exception($"{at.File}:{at.Line}: {at.Field}: {problem.Message}")
    {
        public YamlLocation At { get; } = at;

        public YamlProblem Problem { get; } = problem;
    }

    private static YamlReader<ConfigError> Reader() => new("c.yaml", (at, p) => new ConfigError(at, p));

    private const string Valid = """
        name: bench
        period: 1 s
        charger: {max_current: 3C, max_voltage: 4.2 V}
        ambient: [0 °C, 25 °C]
        count: 0x2A
        flag: yes
        """;

    /// <summary>Reads a document the way the project's readers do: its keys, then each value by its kind.</summary>
    private static void ReadAll(YamlReader<ConfigError> y, string text)
    {
        var docs = y.Parse(text);
        if (docs.Count == 0)
        {
            return;
        }

        var root = y.Mapping(docs[0].RootNode, "");
        foreach (var e in y.Entries(root, "", ["name", "period", "charger", "ambient", "count", "flag"]))
        {
            switch (e.Key)
            {
                case "charger":
                    y.Entries(y.Mapping(e.Value, e.Key), e.Key, ["max_current", "max_voltage"]).ToList().ForEach(c => y.Text(c.Value, c.Key));
                    break;
                case "ambient":
                    y.Sequence(e.Value, e.Key).Children.ToList().ForEach(a => y.Text(a, e.Key));
                    break;
                case "count":
                    y.Integer(e.Value, e.Key, 0, 100, hex: true);
                    break;
                case "flag":
                    y.Boolean(e.Value, e.Key);
                    break;
                default:
                    y.Text(e.Value, e.Key);
                    break;
            }
        }
    }

    [Fact]
    public void AValidDocument_ReadsThrough()
    {
        var y = Reader();
        ReadAll(y, Valid);
        var root = (YamlMappingNode)y.Parse(Valid)[0].RootNode;
        Assert.Equal(42, y.Integer(root.Children[new YamlScalarNode("count")], "count", 0, 100, hex: true));
        Assert.True(y.Boolean(root.Children[new YamlScalarNode("flag")], "flag"));
    }

    [Theory]
    [InlineData("name: a\nname: b\n", 2, "name", "duplicate key")]
    [InlineData("name: a\nperiood: 1 s\n", 2, "periood", "did you mean 'period'")]
    [InlineData("name: a\nambient: [0 °C,\n", 3, "", "not valid YAML")]
    [InlineData("name: a\nx: [\n", 3, "", "not valid YAML")]
    [InlineData("name: a\n\tperiod: 1 s\n", 2, "", "not valid YAML")]
    [InlineData("name: a\ncount: 0x2G\n", 2, "count", "")]
    [InlineData("name: a\ncount: 101\n", 2, "count", "")]
    [InlineData("name: a\nflag: maybe\n", 2, "flag", "")]
    [InlineData("name: [a]\n", 1, "name", "")]
    [InlineData("? [a]\n: 1\n", 1, "", "")]
    public void BadInput_IsTheReadersOwnErrorAtItsLine(string text, int line, string field, string message)
    {
        var e = Assert.Throws<ConfigError>(() => ReadAll(Reader(), text));
        Assert.Equal("c.yaml", e.At.File);
        Assert.Equal(line, e.At.Line);
        Assert.Equal(field, e.At.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TwoThousandMutations_GiveAResultOrTheReadersError_NeverAnotherException()
    {
        // Seeded byte-level mutations of a valid document (replace, insert, delete, duplicate a run): the contract
        // every reader relies on. Not a coverage-guided fuzzer; a regression net until one runs over the readers.
        int ok = 0, refused = 0, i = 0;
        foreach (var text in SeededMutations.Of(Valid, 20, 2000, ":[]{},-?&*!|>'\"#%@` \t\n0x1.e%-"))
        {
            i++;
            try
            {
                ReadAll(Reader(), text);
                ok++;
            }
            catch (ConfigError e)
            {
                Assert.True(e.At.Line >= 0 && !e.Message.Contains('\n'), $"mutation {i}: {e.Message}\n{text}");
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} escaped as {e.GetType().Name}: {e.Message}\n---\n{text}");
            }
        }

        Assert.True(ok > 100 && refused > 100, $"{ok} read, {refused} refused");
    }

    [Fact]
    public void AStatedProblemQuotingAMultiLineScalar_IsOneLine()
    {
        // A plain scalar may span lines ("time_limit: 2 h" followed by a line "2 h" reads as "2 h 2 h"… or keeps a
        // break when quoted); a reader that quotes it must still give one line.
        var y = Reader();
        var root = y.Mapping(y.Parse("time_limit: \"2 h\n\n  2 h\"\n")[0].RootNode, "");
        var value = YamlScalars.Find(root, "time_limit")!;
        var e = y.Error(value, "time_limit", $"'{y.Text(value, "time_limit")}' is not a time");

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("2 h 2 h", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: a\nperi\fod: 1 s\n", "peri od")]
    [InlineData("name: a\n\"peri\\u0085od\": 1 s\n", "peri od")]
    [InlineData("name: a\n\"peri\\u2028od\": 1 s\n", "peri od")]
    [InlineData("name: a\nflag: \"ma\\u2029ybe\"\n", "flag")]
    [InlineData("name: a\ncount: \"0x\\u000B2G\"\n", "count")]
    public void AKeyOrValueWithAnyLineEnd_IsQuotedOnOneLine(string text, string field)
    {
        // found by the campaign fuzz harness (issue 29): a form feed in a key broke the field path, and so the message
        var e = Assert.Throws<ConfigError>(() => ReadAll(Reader(), text));

        Assert.Equal(field, e.At.Field);
        Assert.Equal(e.Message, e.Message.ReplaceLineEndings(""));
        Assert.DoesNotContain('\v', e.Message);
    }
}
