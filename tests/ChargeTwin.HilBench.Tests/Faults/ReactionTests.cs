using ChargeTwin.Controller.Safety;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Tests.Campaigns;

namespace ChargeTwin.HilBench.Tests.Faults;

/// <summary>Power-stage faults and the reaction metrics, through the scenario runner against the plant's truth.</summary>
public sealed class ReactionTests
{
    /// <summary>Runs the one scenario; At(t) is the true current at charge time t.</summary>
    private static (ScenarioResult Result, Func<double, double> At) Run(string faults, string link = "can", string slew = "5 A/s", string extra = "")
    {
        var (result, _, at) = PowerStageAndSensorTests.RunSingle(FaultCampaignFiles.With(faults, link, slew, extra));
        return (result, at);
    }

    [Fact]
    public void ControllerHang_TheStagesSetpointTimeoutCutsTheCurrent_SafeStateAtThatTimeout()
    {
        // 1000 A/s: the ramp from 1C to C/20 takes 5 ms, so the safe state is the stage's 60 ms setpoint timeout.
        var (r, at) = Run("hang: {kind: controller_hang, at: 20 s, duration: 10 s}", slew: "1000 A/s", extra: "stop_after_fault: 15 s\n");
        Assert.Equal(ScenarioEnd.FaultWindowEnded, r.End);
        Assert.Equal(20, r[Metric.FaultOnsetTime]);
        Assert.InRange(r[Metric.FaultSafeStateTime], 0.045, 0.080);
        Assert.True(at(19) > 4, "charging before the hang");
        Assert.Equal(0, at(25), 6);

        // The baseline has no safety monitor, and a hung controller's monitor would hang with it: the mechanism that acts
        // is the power stage's own supervision, credited as such and judged against SM-41's FTTI (the same hazard).
        Assert.Equal(PowerStageNode.SupervisionMechanism, r.DetectingRow);
        Assert.InRange(r[Metric.FaultDetectionTime], 0.040, 0.080);
        Assert.InRange(r[Metric.FaultReactionTime], r[Metric.FaultSafeStateTime], 0.080);
        var ftti = DiagnosisTable.Default.Rows[DiagnosisTable.Default.IndexOf(PowerStageNode.SupervisionFttiRow)].FttiNs / 1e9;
        Assert.Equal(ftti - r[Metric.FaultReactionTime], r[Metric.FaultFttiMargin], 9);
        Assert.True(double.IsNaN(r[Metric.FalseAlarms]));
    }

    [Fact]
    public void ControllerHang_OnTheDirectLink_SafeStateAfterItsHeartbeatTimeout()
    {
        var (r, _) = Run("hang: {kind: controller_hang, at: 20 s}", link: "direct", slew: "1000 A/s", extra: "stop_after_fault: 15 s\n");

        // The direct link's power stage gives up after 5 s without the controller (charger.heartbeat_timeout's default);
        // it is looked at once per period, so the current falls in the period after 25 s.
        Assert.InRange(r[Metric.FaultSafeStateTime], 5, 6.01);
    }

    [Fact]
    public void StageStuck_KeepsTheCurrentAfterTheOutputIsDisabled_AndSafeStateIsNeverReached()
    {
        var (r, at) = Run("""
            stuck:
                - {kind: stage_stuck, at: 20 s}
                - {kind: controller_hang, at: 25 s}
            """, extra: "stop_after_fault: 30 s\n");
        Assert.Equal(at(20), at(45), 6);
        Assert.True(at(45) > 4);
        Assert.True(double.IsPositiveInfinity(r[Metric.FaultSafeStateTime]));
        Assert.Equal(ScenarioEnd.FaultWindowEnded, r.End);
    }

    [Fact]
    public void StageOvershoot_DeliversItsFactorAboveTheSetpoint()
    {
        var (_, at) = Run("over: {kind: stage_overshoot, factor: 1.3, at: 20 s}", extra: "stop_after_fault: 20 s\n");
        Assert.Equal(1.3, at(35) / at(19), 6);
    }

    [Fact]
    public void AFaultFreeScenarioWithoutAMonitor_HasNoFaultTimes_AndNoFalseAlarmCount()
    {
        // The baseline runs without the safety monitor: nothing watched, so no false-alarm count (not a zero).
        var (r, _) = Run("none: []");
        Assert.True(double.IsNaN(r[Metric.FaultOnsetTime]));
        Assert.True(double.IsNaN(r[Metric.FaultDetectionTime]));
        Assert.True(double.IsNaN(r[Metric.FalseAlarms]));
        Assert.True(double.IsNaN(r[Metric.FalseAlarmRate]));
        Assert.True(double.IsNaN(r[Metric.WatchedTime]));
        Assert.Equal(ScenarioEnd.TimeLimit, r.End);
    }

    [Fact]
    public void Reaction_ADetectionBetweenControlInstants_IsTimedAtItsBusTick()
    {
        var timeline = new FaultTimeline([new FaultSpec(FaultKind.OpenCircuit, SensorChannelId.Temperature, 10.5, double.PositiveInfinity, 0)]);
        var m = new FaultReactionMetrics(timeline, 0.25);
        var alarm = new SafetyVerdict(SafetyReaction.Stop, 0, "SM-11", "temperature out of range", 1);
        for (var k = 0; k <= 1400; k++)
        {
            var t = k * 0.01;
            var verdict = k >= 1063 ? alarm : SafetyVerdict.Nominal;
            if (k % 100 == 0)
            {
                m.AddControlInstant(t, verdict, 5);
            }
            else
            {
                m.AddTick(t, verdict, 5);
            }
        }

        var v = new double[MetricInfo.All.Count];
        m.Fill(v);
        Assert.Equal((1063 * 0.01) - 10.5, v[(int)Metric.FaultDetectionTime], 9);
        Assert.Equal("SM-11", m.DetectingRow);
    }

    [Fact]
    public void Reaction_DetectionIsTheFirstNonNominalControlInstantAfterOnset_WithItsRow_AndSafeStateIsInterpolated()
    {
        var timeline = new FaultTimeline([new FaultSpec(FaultKind.OpenCircuit, SensorChannelId.Temperature, 10.5, double.PositiveInfinity, 0)]);
        var m = new FaultReactionMetrics(timeline, 0.25);
        var alarm = new SafetyVerdict(SafetyReaction.Stop, 0, "SM-T-03", "temperature implausible", 1);

        // 5 A until 12 s, then falling at 10 A/s; sampled at control instants and half-way (a "tick").
        static double Current(double t) => t <= 12 ? 5 : Math.Max(0, 5 - (10 * (t - 12)));
        for (var t = 0; t <= 14; t++)
        {
            // An alarm before the onset is not a detection of this fault; after it the first one is.
            m.AddControlInstant(t, t is 3 or >= 12 ? alarm : SafetyVerdict.Nominal, Current(t));
            m.AddTick(t + 0.5, t >= 12 ? alarm : SafetyVerdict.Nominal, Current(t + 0.5));
        }

        var v = new double[MetricInfo.All.Count];
        m.Fill(v);
        Assert.Equal(10.5, v[(int)Metric.FaultOnsetTime]);
        Assert.Equal(1.5, v[(int)Metric.FaultDetectionTime]);
        Assert.Equal("SM-T-03", m.DetectingRow);

        // Between the samples (12 s, 5 A) and (12.5 s, 0 A) the current crosses C/20 = 0.25 A at 12.475 s.
        Assert.Equal(12.475 - 10.5, v[(int)Metric.FaultSafeStateTime], 12);
        Assert.True(double.IsNaN(v[(int)Metric.FalseAlarms]));
    }

    [Fact]
    public void FalseAlarms_AreEntriesIntoANonNominalVerdict_PerHourOfCharge()
    {
        var m = new FaultReactionMetrics(FaultTimeline.Empty, 0.25);
        var alarm = new SafetyVerdict(SafetyReaction.Derate, 2, "SM-V-01", "voltage", 0.5);
        for (var t = 0; t <= 1800; t++)
        {
            m.AddControlInstant(t, t is (>= 100 and < 110) or 500 or 501 or 900 ? alarm : SafetyVerdict.Nominal, 5);
        }

        var v = new double[MetricInfo.All.Count];
        m.Fill(v);
        Assert.Equal(3, v[(int)Metric.FalseAlarms]);
        Assert.Equal(6, v[(int)Metric.FalseAlarmRate], 12);
        Assert.True(double.IsNaN(v[(int)Metric.FaultDetectionTime]));
    }
}
