using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>The loader refuses a table the monitor cannot evaluate, in one line naming the file, the line and the reason.</summary>
public sealed class DiagnosisTableLoaderTests
{
    private const string File = "bench/diagnosis.yaml";

    /// <summary>Two good rows; the line numbers below refer to this text.</summary>
    private const string Good = """
        settings:
          lead_resistance: 5 mOhm
        rows:
          - id: SM-01
            signal: cell_voltage
            trips: above
            threshold: 4.25 V
            debounce: {count: 3, time: 20 ms}
            severity: critical
            reaction: stop
            ftti: 1000 ms
            description: over-voltage
          - id: SM-02
            signal: surface_temperature
            trips: below
            threshold: 5 °C
            debounce: {count: 10}
            severity: warning
            reaction: derate
            current: 2.5 A
            ftti: 10 s
            description: cold cell
        """;

    [Fact]
    public void AGoodTable_Loads_WithItsValuesInBaseUnits()
    {
        var table = DiagnosisTableLoader.Parse(Good, File);

        Assert.Equal(0.005, table.Settings.LeadResistance_Ohm, 12);
        var (over, cold) = (table.Rows[0], table.Rows[1]);
        Assert.Equal((4.25, 3, 20_000_000L, 1_000_000_000L), (over.Threshold, over.DebounceCount, over.DebounceNs, over.FttiNs));
        Assert.Equal((278.15, SafetyReaction.Derate, 2.5, 13), (cold.Threshold, cold.Reaction.Reaction, cold.Reaction.Current_A, cold.Line));
    }

    [Fact]
    public void TheDefaultTable_Loads_WithItsRowsInOrder()
    {
        var table = DiagnosisTable.Default;

        Assert.Equal(Enumerable.Range(1, 41).Select(i => $"SM-{i:00}"), table.Rows.Select(r => r.Id));
        Assert.All(table.Rows, r => Assert.True(r.DebounceNs < r.FttiNs));
    }

    [Theory]
    [InlineData("signal: cell_voltage", "signal: cell_votlage", 5, "rows.SM-01.signal: unknown signal 'cell_votlage' (did you mean 'cell_voltage'?)")]
    [InlineData("{count: 3, time: 20 ms}", "{count: -3}", 8, "rows.SM-01.debounce.count: a debounce count cannot be negative (-3)")]
    [InlineData("{count: 3, time: 20 ms}", "{time: -20 ms}", 8, "rows.SM-01.debounce.time: a debounce time cannot be negative (-20 ms)")]
    [InlineData("- id: SM-02", "- id: SM-01", 13, "rows.SM-01.id: duplicate id 'SM-01' (first at line 4): the safety case cites each id for one check")]
    [InlineData("reaction: stop", "reaction: stpo", 10, "rows.SM-01.reaction: unknown reaction 'stpo' (did you mean 'stop'?) (expected derate, stop or emergency_stop)")]
    [InlineData("    ftti: 1000 ms\n", "", 4, "rows.SM-01.ftti: missing ftti: the fault-tolerant time interval, e.g. ftti: 1000 ms")]
    [InlineData("    current: 2.5 A\n", "", 19, "rows.SM-02.current: a derate row needs current: the most it allows (e.g. current: 2.5 A)")]
    [InlineData("threshold: 4.25 V", "threshold: 4.25 A", 7, "rows.SM-01.threshold: '4.25 A': wrong unit 'A', expected a voltage in V or mV (e.g. 4.2 V)")]
    [InlineData("current: 2.5 A", "current: C/2", 20, "rows.SM-02.current: 'C/2': a C-rate needs the cell's capacity, which the table does not know; write the current in A")]
    [InlineData("reaction: stop", "reaction: stop\n    current: 1 A", 11, "rows.SM-01.current: only a derate row has a current (stop allows none)")]
    [InlineData("ftti: 1000 ms", "ftti: 10 ms", 11, "rows.SM-01.ftti: impossible: the debounce time is not shorter than the FTTI, so no reaction can come in time")]
    [InlineData("signal: cell_voltage", "signal: status_lost", 6, "rows.SM-01.trips: status_lost is a flag: the row trips while it is set and takes no trips")]
    [InlineData("threshold: 4.25 V", "threshold: 4.25 V\n    release: 4.3 V", 8, "rows.SM-01.release: impossible: a row that trips above its threshold must release on the safe side of it")]
    [InlineData("lead_resistance: 5 mOhm", "lead_resistanse: 5 mOhm", 2, "settings.lead_resistanse: unknown key (did you mean 'lead_resistance'?)")]
    public void ABadTable_IsRefused_InOneLine_AtItsLine(string from, string to, int line, string expected)
    {
        Assert.Contains(from, Good);

        var e = Assert.Throws<DiagnosisTableException>(() => DiagnosisTableLoader.Parse(Good.Replace(from, to), File));

        Assert.Equal($"{File}:{line}: {expected}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AMissingFile_IsOneLine()
    {
        var e = Assert.Throws<DiagnosisTableException>(() => DiagnosisTableLoader.LoadFile("/nonexistent/diagnosis.yaml"));

        Assert.StartsWith("/nonexistent/diagnosis.yaml: cannot read: ", e.Message);
    }
}
