using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>
/// The published OKane2022 cell on the campaign mesh (10 volumes, 10 shells), 10 → 80 % SOC: CC-CV 1C at 0 °C plates
/// (true overpotential below 0 V, lithium plated while it is), the oracle never does, and at 25 °C the oracle
/// reaches 80 % well before CC-CV 1C.
/// </summary>
public sealed class PlatingAndOracleTests
{
    private const string Yaml = """
        name: headline
        seed: 2026
        plant: {volumes: 10, shells: 10}
        cells: [okane2022]
        ambient: [0 °C, 25 °C]
        start_soc: 10 %
        target_soc: 80 %
        sensors:
          bench:
            voltage: {noise: 1 mV, bias: 2 mV, quantisation: 1 mV}
            current: {noise: 5 mA, bias: 5 mA, quantisation: 1 mA}
        charger: {max_current: 3C, max_voltage: 4.2 V, slew: 5 A/s}
        controllers:
          cccv-1c: {type: cccv, steps: ["Charge at 1C until 4.2 V", "Hold at 4.2 V until C/20"]}
          oracle: {type: oracle, decision_interval: 20 s, horizon: 60 s, margin: 2 mV, max_temperature: 45 °C, resolution: C/50, max_evaluations: 8}
        """;

    [Fact]
    public void CcCv1C_PlatesAtZeroDegrees_TheOracleNever_AndTheOracleIsFasterAt25Degrees()
    {
        var campaign = CampaignLoader.Parse(Yaml, "headline.yaml", ".");
        var scenarios = ScenarioMatrix.Expand(campaign);
        var results = CampaignRunner.Run(campaign, scenarios, 2, keepTraces: false);
        var verdicts = CampaignEvaluation.Evaluate(campaign, results);
        ScenarioVerdict Get(string controller, double ambientC) =>
            verdicts.Single(v => v.Scenario.Controller.Name == controller && Math.Abs(v.Scenario.Ambient_K - 273.15 - ambientC) < 1e-9);

        Assert.All(results, r => Assert.Equal(ScenarioEnd.ReachedTarget, r.End));
        var cold = Get("cccv-1c", 0);
        Assert.True(cold[Metric.MinPlatingOverpotential] < -0.01, $"CC-CV 0 °C min η = {cold[Metric.MinPlatingOverpotential]}");
        Assert.True(cold[Metric.TimeBelowZeroPlating] > 600);
        Assert.True(cold[Metric.PlatedWhileBelowZero] > 0.01, "more than 10 mAh plated while η < 0");
        Assert.True(cold[Metric.DeadLithium] > 0);

        foreach (var ambient in new[] { 0.0, 25.0 })
        {
            var oracle = Get("oracle", ambient);
            Assert.True(oracle[Metric.MinPlatingOverpotential] >= 0, $"oracle at {ambient} °C: min η = {oracle[Metric.MinPlatingOverpotential]}");
            Assert.Equal(0, oracle[Metric.TimeBelowZeroPlating]);
            Assert.Equal(0, oracle[Metric.PlatedWhileBelowZero]);
            Assert.True(oracle[Metric.PeakTemperature] <= 273.15 + 45.05);
        }

        var warm = Get("cccv-1c", 25);
        var fast = Get("oracle", 25);
        Assert.True(fast[Metric.TimeToTarget] < 0.8 * warm[Metric.TimeToTarget], $"oracle {fast[Metric.TimeToTarget]} s vs CC-CV {warm[Metric.TimeToTarget]} s");
        Assert.Equal(1.0, fast[Metric.TimeRelativeToOracle]);
        Assert.Equal(warm[Metric.TimeToTarget] / fast[Metric.TimeToTarget], warm[Metric.TimeRelativeToOracle], 12);
    }
}
