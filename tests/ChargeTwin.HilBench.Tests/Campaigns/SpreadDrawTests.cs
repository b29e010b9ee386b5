using ChargeTwin.Cells;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>A spread campaign's draws: reproducible from the seed and the index alone, inside their ranges, and part of the ids.</summary>
public sealed class SpreadDrawTests
{
    [Fact]
    public void Draws_AreReproducible_AndDependOnlyOnTheSeedAndTheIndex()
    {
        var a = ScenarioMatrix.Expand(SpreadFiles.Parse(SpreadFiles.Tiny));
        var b = ScenarioMatrix.Expand(SpreadFiles.Parse(SpreadFiles.Tiny));
        Assert.Equal(3, a.Count);
        Assert.Equal(a.Select(s => s.Id), b.Select(s => s.Id));
        Assert.Equal(a.Select(s => s.Ambient_K), b.Select(s => s.Ambient_K));

        // Draw i alone is the i-th of all (no dependence on the draws before it, so any shard gets the same).
        var campaign = SpreadFiles.Parse(SpreadFiles.Tiny);
        var sampler = new SpreadSampler(campaign.Spread!, campaign.Seed, CellLibrary.Load("lgm50"));
        var alone = sampler.Draw(2);
        Assert.Equal(a[2].Draw!.Ambient_K, alone.Ambient_K);
        Assert.Equal(a[2].Draw!.CellParameters.Select(p => p.Value), alone.CellParameters.Select(p => p.Value));

        // Another seed draws other conditions.
        var other = ScenarioMatrix.Expand(SpreadFiles.Parse(SpreadFiles.With("seed: 5", "seed: 6")));
        Assert.Empty(other.Select(s => s.Id).Intersect(a.Select(s => s.Id)));
    }

    [Fact]
    public void Ids_DifferPerDraw_DoNotDependOnTheFilesOrder_AndMoreDrawsKeepTheFirst()
    {
        var a = ScenarioMatrix.Expand(SpreadFiles.Parse(SpreadFiles.Tiny));
        Assert.Equal(3, a.Select(s => s.Id).Distinct().Count());
        Assert.Equal(3, a.Select(s => s.Seed).Distinct().Count());

        var reordered = SpreadFiles.With("ambient: {min: 15 °C, max: 35 °C}", "ambient: {max: 35 °C, min: 15 °C}")
            .Replace("  sensor_bias: drawn\n", "", StringComparison.Ordinal)
            .Replace("spread:\n  draws: 3\n", "spread:\n  sensor_bias: drawn\n  draws: 3\n", StringComparison.Ordinal);
        Assert.NotEqual(SpreadFiles.Tiny, reordered);
        Assert.Equal(a.Select(s => s.Id), ScenarioMatrix.Expand(SpreadFiles.Parse(reordered)).Select(s => s.Id));

        var more = ScenarioMatrix.Expand(SpreadFiles.Parse(SpreadFiles.With("draws: 3", "draws: 5")));
        Assert.Equal(a.Select(s => s.Id), more.Take(3).Select(s => s.Id));

        // The drawn values are in the id: the same draw with another cell parameter is another scenario.
        var changed = a[0].Draw! with { CellParameters = [.. a[0].Draw!.CellParameters.Select((p, i) => i == 0 ? p with { Value = p.Value * 1.01 } : p)] };
        Assert.NotEqual(a[0].Draw!.Canonical(), changed.Canonical());
    }

    [Fact]
    public void DrawnValues_StayInTheirRanges_AndAtBoundParametersAreHeld()
    {
        var yaml = SpreadFiles.With("draws: 3", "draws: 200");
        var scenarios = ScenarioMatrix.Expand(SpreadFiles.Parse(yaml));
        Assert.Equal(200, scenarios.Count);
        var uncertainty = CellLibrary.Load("lgm50").Uncertainty!;
        foreach (var s in scenarios)
        {
            Assert.InRange(s.Ambient_K, 273.15 + 15, 273.15 + 35);
            Assert.InRange(s.StartSoc, 0.20, 0.25);
            Assert.InRange(s.Ageing.State.LithiumInventoryLoss, 0, 0.10);
            Assert.InRange(s.Ageing.State.ResistanceGrowth_Ohm, 0, 0.010);
            Assert.Equal(0, s.Ageing.State.NegativeActiveMaterialLoss);
            Assert.Null(s.Draw!.Rejection);
            Assert.True(s.Draw.Capacity_Ah > 3 && s.Draw.Capacity_Ah < 6, $"capacity {s.Draw.Capacity_Ah} Ah");
            foreach (var p in s.Draw.CellParameters)
            {
                Assert.False(p.Fitted.AtBound);
                Assert.InRange(p.Value, p.Fitted.Lower, p.Fitted.Upper);
            }
        }

        // The three at-bound parameters are not drawn: the plant keeps the cell file's (fitted) value.
        var held = uncertainty.Parameters.Where(p => p.AtBound).Select(p => p.Name).ToList();
        Assert.Equal(3, held.Count);
        Assert.All(scenarios, s => Assert.DoesNotContain(s.Draw!.CellParameters, p => held.Contains(p.Name)));
        Assert.Equal(uncertainty.Parameters.Count - 3, scenarios[0].Draw!.CellParameters.Count);

        // The spread is real: the drawn values vary, and the sensor biases are drawn around zero.
        Assert.True(scenarios.Select(s => s.Draw!.Capacity_Ah).Distinct().Count() > 190);
        Assert.Contains(scenarios, s => s.Sensors.Voltage.Bias < 0);
        Assert.Contains(scenarios, s => s.Sensors.Voltage.Bias > 0);
    }

    [Fact]
    public void DrawnParameters_ReachThePlantsSet()
    {
        var s = ScenarioMatrix.Expand(SpreadFiles.Parse(SpreadFiles.Tiny))[0];
        var cell = CellLibrary.Load("lgm50");
        var set = s.Draw!.Apply(cell);
        foreach (var p in s.Draw.CellParameters.Where(p => p.Name != "Cell heat capacity [J.K-1]"))
        {
            Assert.Equal(p.Value, set.Scalar(p.Name));
        }

        var heat = s.Draw.CellParameters.Single(p => p.Name == "Cell heat capacity [J.K-1]");
        Assert.Equal(heat.Value, ChargeTwin.HilBench.Calibration.CalibrationParameter.HeatCapacity_JPerK(set), 1e-9 * heat.Value);
    }
}
