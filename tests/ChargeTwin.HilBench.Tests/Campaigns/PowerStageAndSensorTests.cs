using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>The loop's pieces: heartbeat timeout, slew limit, voltage limit, sensor models.</summary>
public sealed class PowerStageAndSensorTests
{
    private const string Yaml = """
        name: stage
        seed: 3
        link: direct
        period: 1 s
        plant: {volumes: 6, shells: 6}
        ambient: 25 °C
        start_soc: 30 %
        target_soc: 90 %
        time_limit: 40 min
        sensors:
          faulty:
            voltage: {bias: 10 mV}
            faults:
              - {kind: heartbeat_loss, at: 60 s, duration: 30 s}
              - {kind: stuck, channel: temperature, at: 10 s, duration: 100 s}
        charger: {max_current: 2C, max_voltage: 4.2 V, slew: 1 A/s, heartbeat_timeout: 3 s}
        controllers:
          cccv: {type: cccv, steps: ["Charge at 2C until 4.2 V", "Hold at 4.2 V until C/20"]}
        report: {plots: none}
        """;

    /// <summary>Runs the campaign's one scenario with a trace; At(t) is the true current at charge time t.</summary>
    internal static (ScenarioResult Result, ScenarioTrace Trace, Func<double, double> At) RunSingle(string yaml)
    {
        var campaign = CampaignLoader.Parse(yaml, "stage.yaml", ".");
        var scenario = ScenarioMatrix.Expand(campaign).Single();
        var trace = new ScenarioTrace();
        var result = new ScenarioRunner(campaign, CellLibrary.Load).Run(scenario, trace);
        Assert.NotEqual(ScenarioEnd.Error, result.End);
        var t = trace.Column("charge_time_s");
        var current = trace.Column("true_current_A");
        return (result, trace, time => current[Array.FindIndex([.. t], x => Math.Abs(x - time) < 1e-9)]);
    }

    [Fact]
    public void HeartbeatLoss_DropsTheCurrentToZero_SlewLimitsRamps_AndTheVoltageLoopRegulatesTheMeasuredVoltage()
    {
        var (result, trace, At) = RunSingle(Yaml);

        // Slew 1 A/s from rest to 2C = 10 A: 5 A after 5 s, 10 A after 10 s.
        Assert.Equal(5.0, At(5), 3);
        Assert.Equal(10.0, At(12), 3);

        // Controller silent from 60 s; the stage notices the 3 s timeout at the 64 s control instant and turns its output
        // off at its shutdown slew (before: its 1 A/s ramp, 0 A only from 74 s).
        Assert.Equal(10.0, At(63), 3);
        Assert.Equal(0.0, At(65), 6);
        Assert.Equal(0.0, At(89), 6);
        Assert.True(At(100) > 5, "charging resumes when the heartbeat returns");

        // The stage regulates its own (biased) voltage measurement: the true voltage settles 10 mV below 4.2 V.
        Assert.InRange(result[Metric.MaxVoltage], 4.185, 4.1905);

        // A stuck temperature sensor holds its reading.
        var t = trace.Column("charge_time_s");
        var measuredT = trace.Column("meas_temperature_K");
        Assert.Equal(measuredT[Array.IndexOf([.. t], 10.0)], measuredT[Array.IndexOf([.. t], 100.0)]);
        Assert.NotEqual(measuredT[Array.IndexOf([.. t], 10.0)], trace.Column("true_temperature_K")[Array.IndexOf([.. t], 100.0)]);
    }

    [Fact]
    public void OnTheCanLink_TheStageTurnsItsOutputOffSixtyMillisecondsAfterTheLastValidSetpoint_AndChargingResumesWithTheController()
    {
        var yaml = Yaml.Replace("link: direct\n", "", StringComparison.Ordinal).Replace(", heartbeat_timeout: 3 s", "", StringComparison.Ordinal);
        Assert.Equal(LinkKind.Can, CampaignLoader.Parse(yaml, "stage.yaml", ".").Link);
        var (result, _, At) = RunSingle(yaml);

        // The controller falls silent at 60 s; its last setpoint went out at 59.98 s (20 ms cycle). PS_Setpoint's
        // timeout is 60 ms: at the 60.05 s tick 70 ms have passed, the stage enters SafeRampDown and turns its output
        // off at its shutdown slew (1000 A/s: 10 ms from 10 A), not at its 1 A/s ramp: 0 A from 60.06 s on.
        Assert.Equal(10.0, At(60), 3);
        Assert.Equal(0.0, At(61), 6);
        Assert.Equal(0.0, At(71), 6);
        Assert.Equal(0.0, At(89), 6);
        Assert.True(At(100) > 5, "charging resumes when the controller returns");

        // One timeout episode each for PS_Setpoint and CTRL_Heartbeat at the stage; the controller, back at 90 s,
        // finds its measurement messages stale (the frames that waited for it are 30 s old) and times them out
        // once each; no frame on the bus failed its CRC.
        Assert.Equal(2 + 4, result.Wire.Timeouts);
        Assert.Equal(0, result.Wire.RangeErrors);
        Assert.True(result.Wire.FramesSent > 100 * 60 * 4, $"{result.Wire.FramesSent} frames");
    }

    [Fact]
    public void DriveCycleDischarge_RunsBeforeTheCharge_ThenTheChargeStartsFromWhereItLeftTheCell()
    {
        var yaml = Yaml
            .Replace("link: direct\n", "", StringComparison.Ordinal)
            .Replace(", heartbeat_timeout: 3 s", "", StringComparison.Ordinal)
            .Replace("start_soc: 30 %", "start_soc: 50 %", StringComparison.Ordinal)
            .Replace("target_soc: 90 %", "target_soc: 60 %", StringComparison.Ordinal)
            .Replace("sensors:\n", "discharge:\n  us06: {drive_cycle: US06, scale: 2, rest: 2 min}\nsensors:\n", StringComparison.Ordinal);
        var campaign = CampaignLoader.Parse(yaml, "drive.yaml", ".");
        var scenario = ScenarioMatrix.Expand(campaign).Single();
        Assert.Equal("us06", scenario.Discharge.Name);
        var trace = new ScenarioTrace();
        var result = new ScenarioRunner(campaign, CellLibrary.Load).Run(scenario, trace);
        Assert.True(result.End == ScenarioEnd.ReachedTarget, $"{result.End}: {result.Detail}");
        var phases = trace.Phase.Distinct().ToList();
        Assert.Equal(["discharge", "rest", "charge"], phases);
        var soc = trace.Column("true_soc");
        var firstCharge = trace.Phase.ToList().IndexOf("charge");
        Assert.True(soc[firstCharge] < 0.5 - 0.02, $"the drive cycle discharged the cell (SOC {soc[firstCharge]})");
        Assert.True(trace.Column("true_current_A").Take(firstCharge).Min() < -10, "US06 × 2 draws more than 10 A at its peaks");
        Assert.Equal(0.0, trace.Column("charge_time_s")[firstCharge]);
        Assert.Equal(120.0, trace.Column("time_s")[firstCharge] - trace.Column("time_s")[trace.Phase.ToList().IndexOf("rest")], 6);
    }

    [Fact]
    public void SensorChannel_AppliesBiasNoiseQuantisationAndLag_Reproducibly()
    {
        var spec = new SensorChannelSpec(Noise: 0.01, Bias: 0.5, Quantisation: 0.1, Lag_s: 10);
        var a = new SensorChannel(spec, 42UL, []);
        var b = new SensorChannel(spec, 42UL, []);
        var readings = new List<double>();
        for (var k = 0; k <= 100; k++)
        {
            var truth = k == 0 ? 0.0 : 1.0;
            var ra = a.Read(truth, k, k);
            Assert.Equal(ra, b.Read(truth, k, k));
            Assert.Equal(0, Math.Abs(ra / 0.1 - Math.Round(ra / 0.1)), 9);
            readings.Add(ra);
        }

        Assert.Equal(0.5, readings[0], 1);                        // bias on the initial value
        Assert.InRange(readings[10], 0.5 + 0.63 - 0.1, 0.5 + 0.63 + 0.1); // one time constant: 63 % of the step
        Assert.Equal(1.5, readings[100], 1);

        var g = new BenchRandom(7);
        var draws = Enumerable.Range(0, 20000).Select(_ => g.NextGaussian()).ToArray();
        Assert.InRange(draws.Average(), -0.03, 0.03);
        Assert.InRange(Math.Sqrt(draws.Select(x => x * x).Average()), 0.97, 1.03);
    }
}
