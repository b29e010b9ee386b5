using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>The same campaign and seed give the same summary.csv whatever the thread count; shards merged equal the whole.</summary>
public sealed class DeterminismAndShardTests
{
    [Fact]
    public void SameCampaignAndSeed_GiveIdenticalSummary_WithOneOrTwoJobs_AndShardsMergeToTheSame()
    {
        var dir = CampaignFiles.Temp("determinism");
        var file = CampaignFiles.Write(dir, "small.yaml", CampaignFiles.Small);
        var campaign = CampaignLoader.Load(file);

        var two = CampaignExecution.Run(campaign, dir, Path.Combine(dir, "two"), new CampaignRunOptions(2));
        var one = CampaignExecution.Run(campaign, dir, Path.Combine(dir, "one"), new CampaignRunOptions(1));
        Assert.Equal(16, two.Verdicts.Count);
        var reference = File.ReadAllText(Path.Combine(dir, "two", "summary.csv"));
        Assert.Equal(reference, File.ReadAllText(Path.Combine(dir, "one", "summary.csv")));

        // Sharded through the command line, as a Kubernetes Indexed Job or a Slurm array would run it.
        var shards = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var shardDir = Path.Combine(dir, $"shard{i}");
            var (exit, output, err) = CampaignFiles.Bench("campaign", "run", file, "--out", shardDir, "--shard", $"{i}/3", "--jobs", "1");
            Assert.True(exit == 0, err);
            Assert.Contains("scenarios/s", output, StringComparison.Ordinal);
            shards.Add(shardDir);
        }

        Assert.Equal([0, 3, 6, 9, 12, 15], ReadIndices(Path.Combine(dir, "shard0", "summary.csv")));
        var merged = Path.Combine(dir, "merged");
        var (mergeExit, _, mergeErr) = CampaignFiles.Bench(["campaign", "merge", .. shards, "--out", merged]);
        Assert.True(mergeExit == 0, mergeErr);
        Assert.Equal(reference, File.ReadAllText(Path.Combine(merged, "summary.csv")));
        Assert.Equal(16, Directory.GetDirectories(Path.Combine(merged, "scenarios")).Length);

        // A merge with a shard missing is refused, and leaves nothing behind.
        var partial = Path.Combine(dir, "partial");
        var (partialExit, _, partialErr) = CampaignFiles.Bench("campaign", "merge", shards[0], shards[2], "--out", partial);
        Assert.Equal(2, partialExit);
        Assert.Contains("5 of 16 scenarios are missing", partialErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(partial));
        Assert.DoesNotContain(Directory.EnumerateDirectories(dir), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void ScenarioIds_DoNotDependOnOrderOrOnOtherScenarios_AndSeedsAreSharedWithinACondition()
    {
        var a = ScenarioMatrix.Expand(CampaignLoader.Parse(CampaignFiles.Small, "a.yaml", "."));
        var reordered = CampaignFiles.Small
            .Replace("ambient: [5 °C, 25 °C]", "ambient: [25 °C, 5 °C, 15 °C]", StringComparison.Ordinal);
        var b = ScenarioMatrix.Expand(CampaignLoader.Parse(reordered, "b.yaml", "."));
        Assert.Equal(24, b.Count);
        Assert.All(a, s => Assert.Contains(b, x => x.Id == s.Id && x.Seed == s.Seed && x.Controller.Name == s.Controller.Name));
        Assert.Equal(a.Count, a.Select(s => s.Id).Distinct().Count());

        // Common random numbers: the controllers of one condition share the seed; conditions differ.
        Assert.Single(a.Where(s => s.ConditionId == a[0].ConditionId).Select(s => s.Seed).Distinct());
        Assert.Equal(4, a.Select(s => s.Seed).Distinct().Count());

        // A different campaign seed changes the scenario seeds but not the ids.
        var c = ScenarioMatrix.Expand(CampaignLoader.Parse(CampaignFiles.Small.Replace("seed: 11", "seed: 12", StringComparison.Ordinal), "c.yaml", "."));
        Assert.Equal(a.Select(s => s.Id), c.Select(s => s.Id));
        Assert.NotEqual(a[0].Seed, c[0].Seed);
    }

    private static int[] ReadIndices(string summary) =>
        [.. File.ReadAllLines(summary).Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture))];
}
