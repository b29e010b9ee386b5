using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;

namespace ChargeTwin.FirmwareInterface.Tests.Dbc;

/// <summary>Each malformed DBC gives one line: file, line number, and what is wrong.</summary>
public sealed class MalformedDbcTests
{
    private const string Header = "VERSION \"\"\n\nNS_ :\n\tCM_\n\nBS_:\n\nBU_: A B\n\n";

    public static TheoryData<string, int, string> Cases => new()
    {
        // body (starting at line 10), expected line, expected words
        { "BO_ 256 M: 8 A\n SG_ S : 60|8@1+ (1,0) [0|255] \"\" B\n", 11, "do not fit in DLC 8" },
        { "BO_ 256 M: 9 A\n", 10, "DLC 9 is outside 0..8" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@2+ (1,0) [0|255] \"\" B\n", 11, "byte order must be 0 (Motorola) or 1 (Intel)" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (0,0) [0|255] \"\" B\n", 11, "factor must not be 0" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [10|5] \"\" B\n", 11, "minimum 10 is larger than maximum 5" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|300] \"\" B\n", 11, "does not fit the 8-bit unsigned field" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n SG_ T : 4|8@1+ (1,0) [0|255] \"\" B\n", 12, "bits overlap signal S" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n\nBO_ 256 N: 8 A\n", 13, "id 0x100 is already used by M" },
        { "BO_ 4096 M: 8 A\n", 10, "larger than 11 bits" },
        { "BO_ 256 M: 8 A\n SG_ S : 7|16@0+ (1,0) [0|65535] \"\" B\n SG_ T m1 : 40|8@1+ (1,0) [0|255] \"\" B\n", 12, "multiplexed signals" },
        { "BO_ 256 M: 8 C\n", 10, "transmitter 'C' is not a node" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n\nCM_ SG_ 256 T \"x\";\n", 13, "has no signal 'T'" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n\nBA_ \"Nope\" BO_ 256 3;\n", 13, "used before its BA_DEF_" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n\nVAL_ 256 S 300 \"too big\";\n", 13, "does not fit the 8-bit field" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n\nFOO_ 1;\n", 13, "unknown keyword 'FOO_'" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"unit B\n", 11, "string is not closed" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1 0) [0|255] \"\" B\n", 11, "expected ','" },
        { "SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n", 10, "SG_ outside a BO_" },
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\nSIG_VALTYPE_ 256 S : 1;\n", 12, "IEEE float signals" },
        { "BO_ 256 M: 8 A\n SG_ S : 7|16@0+ (1,0) [0|65535] \"\" B\n SG_ T : 62|8@0+ (1,0) [0|255] \"\" B\n", 12, "runs past DLC 8" },
        // found by the dbc fuzz harness (issue 29): a string token running over line ends was quoted with them
        { "BO_ 256 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" B\n\nBA_ \"No\npe\" BO_ 256 3;\n", 13, "attribute \"No pe\" is used before its BA_DEF_" },
        { "BO_ 256 M: 8 A\n SG_ S \"x\ny\" : 0|8@1+ (1,0) [0|255] \"\" B\n", 11, "found \"x y\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedDbc_GivesOneLineWithFileLineAndProblem(string body, int line, string words)
    {
        bool ok = DbcParser.TryParse(Header + body, "bad.dbc", out DbcDatabase? db, out string? error);

        Assert.False(ok);
        Assert.Null(db);
        Assert.NotNull(error);
        Assert.Equal(error, error.ReplaceLineEndings(""));
        Assert.StartsWith($"bad.dbc:{line}: ", error, StringComparison.Ordinal);
        Assert.Contains(words, error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsReportedAsOneLineNamingTheFile()
    {
        var e = Assert.Throws<DbcFormatException>(() => DbcParser.ParseFile("/nonexistent/chargetwin.dbc"));
        Assert.StartsWith("/nonexistent/chargetwin.dbc: cannot read the file", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void E2EMessageWithoutCounter_IsReportedAtTheMessageLine()
    {
        string text = Header
            + "BO_ 256 M: 8 A\n SG_ C : 0|8@1+ (1,0) [0|255] \"\" B\n\n"
            + "BA_DEF_ SG_ \"E2ERole\" ENUM \"None\",\"Crc\",\"Counter\";\nBA_ \"E2ERole\" SG_ 256 C 1;\n";
        DbcDatabase db = DbcParser.Parse(text, "e2e.dbc");

        var e = Assert.Throws<DbcFormatException>(() => E2EConfiguration.FromDatabase(db));
        Assert.Equal("e2e.dbc:10: BO_ M: needs both an E2ERole Crc and an E2ERole Counter signal", e.Message);
    }

    [Fact]
    public void ValidMinimalDbc_Parses_IncludingExtendedIdsAndSkippedStatements()
    {
        string text = Header
            + "BO_ 2566844926 Ext: 2 A\n SG_ S : 7|12@0- (0.5,-1) [-1025|1022.5] \"V\" B,A\n\n"
            + "BO_TX_BU_ 2566844926 : A,B;\nCM_ BO_ 2566844926 \"multi\nline\";\n";
        DbcDatabase db = DbcParser.Parse(text, "ok.dbc");

        DbcMessage m = Assert.Single(db.Messages);
        Assert.True(m.IsExtended);
        Assert.Equal(0x18FEF1FEu, m.Id);
        Assert.Equal("multi\nline", m.Comment);
        Assert.True(db.TryGetMessage(0x18FEF1FE, extended: true, out _));
        Assert.False(db.TryGetMessage(0x18FEF1FE & 0x7FF, extended: false, out _));
        Assert.Equal(["B", "A"], m.Signals[0].Receivers);
    }
}
