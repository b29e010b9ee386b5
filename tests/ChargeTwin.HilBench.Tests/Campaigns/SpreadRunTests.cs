using ChargeTwin.Cells;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>A tiny spread campaign runs end to end, and its truth is in the results and in summary.csv.</summary>
public sealed class SpreadRunTests
{
    [Fact]
    public void TinySpreadCampaign_RunsEndToEnd_WithItsDrawsInTheSummary()
    {
        var dir = CampaignFiles.Temp("spread");
        var campaign = SpreadFiles.Parse(SpreadFiles.Tiny);
        var summary = CampaignExecution.Run(campaign, dir, Path.Combine(dir, "out"), new CampaignRunOptions(2));
        Assert.Equal(3, summary.Verdicts.Count);
        Assert.All(summary.Verdicts, v => Assert.Equal(ScenarioEnd.ReachedTarget, v.Result.End));

        // The ageing truth is on the result (for a health-vector metric), and it is the drawn one.
        Assert.All(summary.Verdicts, v => Assert.Same(v.Scenario.Draw!.Ageing!.State, v.Result.Scenario.Ageing.State));

        var lines = File.ReadAllLines(Path.Combine(dir, "out", "summary.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(4, lines.Length);
        foreach (var column in new[] { "draw", "redraws", "lli_pct", "resistance_growth_mOhm", "voltage_bias_mV", "capacity_Ah", "Negative electrode active material volume fraction", "Initial concentration in negative electrode [mol.m-3]" })
        {
            Assert.Contains(column, header);
        }

        var row = lines[1].Split(',');
        var drawn = summary.Verdicts[0].Scenario;
        Assert.Equal("0", row[Array.IndexOf(header, "draw")]);
        Assert.Equal(drawn.Ageing.State.LithiumInventoryLoss * 100, double.Parse(row[Array.IndexOf(header, "lli_pct")], System.Globalization.CultureInfo.InvariantCulture), 1e-6);

        // A merge reads the draws back from the campaign text and seed: the same summary.
        var merged = CampaignExecution.Merge([Path.Combine(dir, "out")], Path.Combine(dir, "merged"));
        Assert.True(merged.Complete);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "out", "summary.csv")), File.ReadAllText(Path.Combine(dir, "merged", "summary.csv")));
        Assert.Contains("\"draw\"", File.ReadAllText(Path.Combine(dir, "out", "results.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ADrawThePlantRejected_EndsInError_WithTheReason_NotACrash()
    {
        var campaign = SpreadFiles.Parse(SpreadFiles.Tiny);
        var s = ScenarioMatrix.Expand(campaign)[0];
        var rejected = s with { Draw = s.Draw! with { Rejection = "spread draw 0: the plant rejected 21 cell-parameter draws; last: windows" } };
        var result = new ScenarioRunner(campaign, CellLibrary.Load).Run(rejected);
        Assert.Equal(ScenarioEnd.Error, result.End);
        Assert.Contains("the plant rejected 21 cell-parameter draws", result.Detail, StringComparison.Ordinal);
    }
}
