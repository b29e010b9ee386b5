using ChargeTwin.Cells;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Tests.Campaigns;

namespace ChargeTwin.HilBench.Tests.Link;

/// <summary>Every scenario over the CAN protocol: the same results as the direct link, up to the wire's quantisation.</summary>
public sealed class CanLinkTests
{
    /// <summary>Two baselines that read every measured channel, at two temperatures, on the coarse test mesh.</summary>
    private const string Pair = """
        name: pair
        seed: 5
        period: 1 s
        time_limit: 1 h
        plant: {volumes: 6, shells: 6}
        ambient: [5 °C, 25 °C]
        start_soc: 10 %
        target_soc: 40 %
        sensors:
          bench:
            voltage: {noise: 1 mV, bias: 2 mV, quantisation: 1 mV}
            current: {noise: 5 mA, bias: 5 mA, quantisation: 1 mA}
            temperature: {noise: 0.1 K, quantisation: 0.1 K, lag: 10 s}
            pressure: {noise: 50 Pa, quantisation: 10 Pa, lag: 2 s}
            initial_soc_sigma: 2 %
        charger: {max_current: 3C, max_voltage: 4.2 V, slew: 5 A/s}
        controllers:
          cccv: {type: cccv, steps: ["Charge at 2C until 4.2 V", "Hold at 4.2 V until C/20"]}
          stages: {type: multistage-cc, stages: [{until_soc: 25 %, rate: 2C}, {until_soc: 40 %, rate: 1C}]}
        limits:
          min_plating_overpotential: {min: 0 mV, marginal_min: 5 mV}
          time_to_target: {max: 30 min}
        report: {plots: none, traces: false}
        """;

    private static IReadOnlyList<ScenarioVerdict> Run(LinkKind link, string yaml = Pair)
    {
        var campaign = CampaignLoader.Parse(yaml, "pair.yaml", ".", link);
        var runner = new ScenarioRunner(campaign, CellLibrary.Load);
        return CampaignEvaluation.Evaluate(campaign, [.. ScenarioMatrix.Expand(campaign).Select(s => runner.Run(s))]);
    }

    [Fact]
    public void CanAndDirect_GiveTheSameVerdicts_TimesWithinOnePercent_AndTheCanLinkCountsItsFrames()
    {
        var can = Run(LinkKind.Can);
        var direct = Run(LinkKind.Direct);
        Assert.Equal(4, can.Count);
        for (var i = 0; i < can.Count; i++)
        {
            var (c, d) = (can[i], direct[i]);
            Assert.Equal(d.Scenario.ConditionId, c.Scenario.ConditionId);
            Assert.NotEqual(d.Scenario.Id, c.Scenario.Id);
            Assert.Equal(ScenarioEnd.ReachedTarget, c.Result.End);
            Assert.Equal(d.Verdict, c.Verdict);
            Assert.Equal(d.Marginal, c.Marginal);
            var relative = Math.Abs(c[Metric.TimeToTarget] / d[Metric.TimeToTarget] - 1);
            Assert.True(relative < 0.01, $"{c.Scenario.Describe()}: time to target {c[Metric.TimeToTarget]:0.0} s on CAN, {d[Metric.TimeToTarget]:0.0} s direct");
            Assert.Equal(d[Metric.MinPlatingOverpotential], c[Metric.MinPlatingOverpotential], 0.002);

            // Frames: per 10 ms tick two CM frames and PS_Status, every 20 ms PS_Setpoint, every 100 ms both
            // heartbeats — 3.7 per tick on average, 370 per second; none lost, none rejected, no timeout.
            var seconds = c[Metric.TimeToTarget];
            Assert.InRange(c.Result.Wire.FramesSent, 370 * seconds - 400, 370 * seconds + 400);
            Assert.Equal(c.Result.Wire.FramesSent, c.Result.Wire.FramesAccepted);
            Assert.Equal(0, c.Result.Wire.E2EErrors + c.Result.Wire.Timeouts + c.Result.Wire.LostFrames + c.Result.Wire.RangeErrors);
            Assert.Equal(LinkStatistics.None, d.Result.Wire);
        }
    }

    [Fact]
    public void AValueThatDoesNotFitItsSignal_EndsTheScenarioInError_NamingSignalValueAndRange()
    {
        // SP_CurrentRampRate holds 0–1000 A/s; a charger rated 2000 A/s makes the controller ask for more.
        var yaml = Pair.Replace("slew: 5 A/s", "slew: 2000 A/s", StringComparison.Ordinal).Replace("ambient: [5 °C, 25 °C]", "ambient: 25 °C", StringComparison.Ordinal);
        var v = Run(LinkKind.Can, yaml)[0];
        Assert.Equal(ScenarioEnd.Error, v.Result.End);
        Assert.Equal(Verdict.Error, v.Verdict);
        Assert.Equal("wire: PS_Setpoint.SP_CurrentRampRate = 2000 A/s does not fit the DBC range [0|1000] at 0 s", v.Result.Detail);
        Assert.True(v.Result.Wire.RangeErrors > 0);
    }

    [Theory]
    [InlineData("link: can\nperiod: 1 s", "link: fast\nperiod: 1 s", "link", "'fast': expected can")]
    [InlineData("period: 1 s", "period: 15 ms", "period", "0.015 s is not a whole number of the CAN link's 10 ms tick")]
    [InlineData("slew: 5 A/s}", "slew: 5 A/s, heartbeat_timeout: 3 s}", "charger.heartbeat_timeout", "applies to link: direct only")]
    public void LinkMistakes_AreOneLineErrors(string from, string to, string field, string problem)
    {
        var yaml = Pair.Replace("period: 1 s", "link: can\nperiod: 1 s", StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal);
        var e = Assert.Throws<CampaignException>(() => CampaignLoader.Parse(yaml, "bad.yaml", "."));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void OnTheDirectLink_ThePeriodIsFree_AndTheHeartbeatTimeoutIsTheCampaigns()
    {
        var yaml = Pair.Replace("period: 1 s", "period: 15 ms", StringComparison.Ordinal).Replace("slew: 5 A/s}", "slew: 5 A/s, heartbeat_timeout: 3 s}", StringComparison.Ordinal);
        var campaign = CampaignLoader.Parse(yaml, "direct.yaml", ".", LinkKind.Direct);
        Assert.Equal(LinkKind.Direct, campaign.Link);
        Assert.Equal(3.0, campaign.Charger.HeartbeatTimeout_s);
    }
}
