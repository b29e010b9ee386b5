using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>Bad campaign input gets one line naming file, line and field — and nothing is left in the output folder.</summary>
public sealed class CampaignFileErrorTests
{
    private static CampaignException Fails(string yaml) =>
        Assert.Throws<CampaignException>(() => CampaignLoader.Parse(yaml, "bad.yaml", Path.GetTempPath()));

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, CampaignFiles.Small, StringComparison.Ordinal);
        return CampaignFiles.Small.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_IsNamedWithLineAndSuggestion()
    {
        var e = Fails(Replace("ambient: [5 °C, 25 °C]", "ambiant: [5 °C, 25 °C]"));
        Assert.Equal("bad.yaml", e.File);
        Assert.Equal(9, e.Line);
        Assert.Equal("ambiant", e.Field);
        Assert.Contains("did you mean 'ambient'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("ambient: [5 °C, 25 °C]", "ambient: [5 °C, 25 °C]\nx: [", 10, "not valid YAML")]
    [InlineData("rates: [2C, 1C]", "r\"tes: [1.[C{ 1en 0a7C, 0.5C, 0.3C]", 23, "not valid YAML")]
    [InlineData("start_soc: 10 %", "\tstart_soc: 10 %", 10, "a tab in the indentation")]
    public void MalformedYaml_IsOneLineAtItsLine_NotAnEscapedException(string from, string to, int line, string problem)
    {
        // The first two are the mutated campaign files that once ended in an unhandled InvalidOperationException.
        var e = Fails(Replace(from, to));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void UnknownNestedKey_NamesTheFullFieldPath()
    {
        var e = Fails(Replace("voltage: {noise: 1 mV,", "voltage: {nosie: 1 mV,"));
        Assert.Equal(14, e.Line);
        Assert.Equal("sensors.bench.voltage.nosie", e.Field);
    }

    [Theory]
    [InlineData("max_voltage: 4.2 V", "max_voltage: 4.2 A", "charger.max_voltage", "wrong unit 'A'")]
    [InlineData("ambient: [5 °C, 25 °C]", "ambient: [5 °C, 25]", "ambient", "has no unit")]
    [InlineData("lag: 10 s", "lag: 10 kPa", "sensors.bench.temperature.lag", "wrong unit 'kPa'")]
    [InlineData("threshold: 30 kPa/Ah", "threshold: 30 kPa", "controllers.pressure.threshold", "wrong unit 'kPa'")]
    public void WrongUnits_AreNamed(string from, string to, string field, string problem)
    {
        var yaml = Replace(from, to);
        var e = Fails(yaml);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);

        // The line of the value that is wrong, counted in the file as written.
        Assert.Equal(1 + yaml[..yaml.IndexOf(to, StringComparison.Ordinal)].Count(c => c == '\n'), e.Line);
    }

    [Theory]
    [InlineData("min_plating_overpotential: {min: 0 mV, marginal_min: 5 mV}", "min_plating_overpotential: {min: 0 mV, max: -5 mV}", "limits.min_plating_overpotential.max")]
    [InlineData("min_plating_overpotential: {min: 0 mV, marginal_min: 5 mV}", "min_plating_overpotential: {min: 0 mV, marginal_min: -5 mV}", "limits.min_plating_overpotential.marginal_min")]
    [InlineData("target_soc: 25 %", "target_soc: 5 %", "target_soc")]
    [InlineData("horizon: 30 s", "horizon: 10 s", "controllers.oracle.horizon")]
    public void ImpossibleLimits_AreRejected(string from, string to, string field)
    {
        var e = Fails(Replace(from, to));
        Assert.Equal(field, e.Field);
        Assert.Contains("impossible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDriveCycleFile_IsNamedWithItsLine()
    {
        var e = Fails(Replace("sensors:\n", "discharge:\n  drive: {drive_cycle: no/such/cycle.csv}\nsensors:\n"));
        Assert.Equal("discharge.drive.drive_cycle", e.Field);
        Assert.Contains("file not found", e.Message, StringComparison.Ordinal);
        Assert.Equal(13, e.Line);
    }

    [Fact]
    public void MissingCellFile_IsNamedWithItsLine()
    {
        var e = Fails(Replace("ageing:\n", "cells: [no-such-cell.yaml]\nageing:\n"));
        Assert.Equal("cells", e.Field);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_BadInput_PrintsOneLine_ExitsTwo_AndLeavesNothing()
    {
        var dir = CampaignFiles.Temp("bad-input");
        var file = CampaignFiles.Write(dir, "bad.yaml", Replace("max_voltage: 4.2 V", "max_voltage: 4.2 A"));
        var outDir = Path.Combine(dir, "report");
        var (exit, _, err) = CampaignFiles.Bench("campaign", "run", file, "--out", outDir);
        Assert.Equal(2, exit);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains($"{file}:19: charger.max_voltage: '4.2 A': wrong unit 'A'", lines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(["bad.yaml"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));

        var (missingExit, _, missingErr) = CampaignFiles.Bench("campaign", "run", Path.Combine(dir, "absent.yaml"), "--out", outDir);
        Assert.Equal(2, missingExit);
        Assert.Contains("absent.yaml: file not found", missingErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Cli_RefusesToReplaceAFolderThatIsNotACampaignReport()
    {
        var dir = CampaignFiles.Temp("not-a-report");
        var file = CampaignFiles.Write(dir, "small.yaml", CampaignFiles.Small);
        var outDir = Path.Combine(dir, "precious");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "keep me");
        var (exit, _, err) = CampaignFiles.Bench("campaign", "run", file, "--out", outDir, "--shard", "5/3");
        Assert.Equal(2, exit);
        Assert.Contains("--shard '5/3'", err, StringComparison.Ordinal);
        (exit, _, err) = CampaignFiles.Bench("campaign", "run", file, "--out", outDir);
        Assert.Equal(2, exit);
        Assert.Contains("is not a campaign report", err, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.EnumerateDirectories(dir), d => Path.GetFileName(d).StartsWith('.'));
    }
}
