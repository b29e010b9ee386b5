using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>Bad <c>spread:</c> input is one line naming file, line and field.</summary>
public sealed class SpreadFileErrorTests
{
    private static CampaignException Fails(string yaml)
    {
        var e = Assert.Throws<CampaignException>(() => SpreadFiles.Parse(yaml));
        Assert.Equal("spread.yaml", e.File);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    /// <summary>The campaign fails with one line naming <paramref name="field"/> at the line where <paramref name="at"/> is written.</summary>
    private static void FailsAt(string yaml, string at, string field, string problem)
    {
        var e = Fails(yaml);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(1 + yaml[..yaml.IndexOf(at, StringComparison.Ordinal)].Count(c => c == '\n'), e.Line);
    }

    [Theory]
    [InlineData("ambient: {min: 15 °C, max: 35 °C}", "ambient: {min: 15 °C}", "spread.ambient.max", "required key is missing")]
    [InlineData("start_soc: {min: 20 %, max: 25 %}", "start_soc: {min: 25 %, max: 20 %}", "spread.start_soc.max", "impossible: max '20 %' is below min '25 %'")]
    [InlineData("ambient: {min: 15 °C, max: 35 °C}", "ambient: {min: 15 °C, max: 35 V}", "spread.ambient.max", "wrong unit 'V'")]
    [InlineData("resistance_growth: {min: 0 mOhm, max: 10 mOhm}", "resistance_growth: {min: 0 mOhm, max: 10}", "spread.ageing.resistance_growth.max", "has no unit")]
    [InlineData("ambient: {min: 15 °C, max: 35 °C}", "ambient: 25 °C", "spread.ambient", "expected a range {min: …, max: …}")]
    [InlineData("sensor_bias: drawn", "sensor_bias: random", "spread.sensor_bias", "'random'")]
    [InlineData("draws: 3", "draws: 0", "spread.draws", "out of range")]
    [InlineData("ambient: {min: 15 °C, max: 35 °C}", "ambiant: {min: 15 °C, max: 35 °C}", "spread.ambiant", "did you mean 'ambient'")]
    [InlineData("lli: {min: 0 %", "lli: {mini: 0 %", "spread.ageing.lli.mini", "did you mean 'min'")]
    [InlineData("target_soc: 30 %", "target_soc: 30 %\nambient: [25 °C]", "ambient", "also drawn by spread.ambient")]
    public void BadSpreadInput_IsOneLineNamingTheFieldAtItsLine(string from, string to, string field, string problem) =>
        FailsAt(SpreadFiles.With(from, to), to.Split('\n')[^1], field, problem);

    [Fact]
    public void MissingDraws_IsNamedWhereTheSpreadMappingBegins() =>
        FailsAt(SpreadFiles.With("  draws: 3\n", ""), "  cell_parameters", "spread.draws", "required key is missing");

    [Fact]
    public void TargetSoc_MustBeAboveTheHighestDrawnStartSoc()
    {
        var e = Fails(SpreadFiles.With("start_soc: {min: 20 %, max: 25 %}", "start_soc: {min: 20 %, max: 40 %}"));
        Assert.Equal("target_soc", e.Field);
        Assert.Contains("impossible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CovarianceDraws_NeedACellWithAnUncertaintySection()
    {
        var e = Fails(SpreadFiles.With("cells: [lgm50]", "cells: [okane2022]"));
        Assert.Equal("spread.cell_parameters", e.Field);
        Assert.Contains("'okane2022' has no uncertainty: section", e.Message, StringComparison.Ordinal);

        // without covariance draws the same cell is fine
        Assert.NotNull(SpreadFiles.Parse(SpreadFiles.With("cells: [lgm50]", "cells: [okane2022]").Replace("cell_parameters: covariance", "cell_parameters: none", StringComparison.Ordinal)).Spread);
    }
}
