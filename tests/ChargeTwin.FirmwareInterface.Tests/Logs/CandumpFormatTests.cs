using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Logs;

namespace ChargeTwin.FirmwareInterface.Tests.Logs;

public sealed class CandumpFormatTests
{
    private const long T = 1_700_000_000_000_100_000; // 1700000000.000100 s

    [Fact]
    public void Lines_LookLikeCandumpL()
    {
        Assert.Equal("(1700000000.000100) can0 100#0102030405060708", CandumpFormat.FormatLine(new CanFrame(0x100, [1, 2, 3, 4, 5, 6, 7, 8]), T, "can0"));
        Assert.Equal("(1700000000.000100) can0 18DAF110#00", CandumpFormat.FormatLine(new CanFrame(0x18DAF110, [0], extended: true), T, "can0"));
        Assert.Equal("(1700000000.000100) vcan1 7FF#", CandumpFormat.FormatLine(new CanFrame(0x7FF, []), T, "vcan1"));
        Assert.Equal("(1700000000.000100) can0 123#R", CandumpFormat.FormatLine(new CanFrame(0x123, []) { Flags = CanFrameFlags.Remote }, T, "can0"));
        Assert.Equal("(0000000001.000000) can0 001#AB", CandumpFormat.FormatLine(new CanFrame(1, [0xAB]), 1_000_000_000, "can0"));
        Assert.Equal("(1700000000.000100) can0 100#0102030405060708_C", CandumpFormat.FormatLine(new CanFrame(0x100, [1, 2, 3, 4, 5, 6, 7, 8]) { Dlc = 12 }, T, "can0"));
    }

    [Theory]
    [InlineData("(1700000000.000100) can0 100#0102030405060708")]
    [InlineData("(1700000000.000100) can0 18DAF110#00")]
    [InlineData("(1700000000.000100) vcan1 7FF#")]
    [InlineData("(1700000000.000100) can0 123#R")]
    [InlineData("(1700000000.000100) can0 100#0102030405060708_C")]
    public void FormattedLines_ParseBackToTheSameLine(string line)
    {
        Assert.True(CandumpFormat.TryParse(line, out CandumpRecord r, out string? problem), problem);
        Assert.Equal(line, CandumpFormat.FormatLine(r.Frame, r.UnixTimeNs, r.Interface));
    }

    [Fact]
    public void DirectionFlagDotSeparatorsAndNanoseconds_AreAccepted()
    {
        Assert.True(CandumpFormat.TryParse("(1700000000.000100) can0 180#A1.B2 R", out CandumpRecord r, out _));
        Assert.Equal(('R', 2, 0xA1, 0xB2), (r.Direction, (int)r.Frame.Dlc, r.Frame.Data[0], r.Frame.Data[1]));
        Assert.True(CandumpFormat.TryParse("(1700000000.000000123) can0 180#", out r, out _));
        Assert.Equal(1_700_000_000_000_000_123, r.UnixTimeNs);
    }

    [Theory]
    [InlineData("can0 100#01", "found 2 fields")]
    [InlineData("(1700000000.0001) can0 100#01", "6 or 9 decimals")]
    [InlineData("(1700000000.000100) can0 1000#01", "3 (standard) or 8 (extended) hex digits")]
    [InlineData("(1700000000.000100) can0 800#01", "larger than 0x7FF")]
    [InlineData("(1700000000.000100) can0 100#012", "pairs of hex digits")]
    [InlineData("(1700000000.000100) can0 100#0G", "not hex")]
    [InlineData("(1700000000.000100) can0 100##1", "CAN FD")]
    [InlineData("(1700000000.000100) can0 100#01 X", "only a direction flag")]
    [InlineData("(1700000000.000100) can0 100#010203040506070809", "0..8 bytes")]
    public void BadLines_SayWhatIsWrong(string line, string words)
    {
        Assert.False(CandumpFormat.TryParse(line, out _, out string? problem));
        Assert.Contains(words, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_SkipsAndReportsBadLinesWithTheirLineNumbers()
    {
        string text = "(1.000000) can0 100#01\n\ngarbage\n(2.000000) can0 101#02\n(3.000000) can0 XYZ#\n";
        CandumpLog log = CandumpLogReader.Read(new StringReader(text), "bad.log");

        Assert.Equal([0x100u, 0x101u], log.Records.Select(r => r.Frame.Id));
        Assert.Equal(2, log.Errors.Count);
        Assert.StartsWith("bad.log:3: ", log.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("bad.log:5: ", log.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ReportsALineWithAFormFeed_OnOneLine()
    {
        // found by the candump fuzz harness (issue 29): ReadLine does not split on a form feed, the problem quoted it
        CandumpLog log = CandumpLogReader.Read(new StringReader("(1.000000) can0 7FF\f#01\n"), "bad.log");

        Assert.Equal("bad.log:1: '7FF #01': identifier must be 3 (standard) or 8 (extended) hex digits before '#'", Assert.Single(log.Errors));
    }
}
