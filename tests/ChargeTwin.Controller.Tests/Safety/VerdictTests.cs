using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>Latching, reset, healing, the choice among active rows, and the verdict's limit on the session's setpoint.</summary>
public sealed class VerdictTests
{
    private const double C = 273.15;

    [Fact]
    public void OverVoltage_Stops_AfterDebounce()
    {
        var run = new MonitorRun();
        run.RunUntil(60);

        run.RunUntil(60.04, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 4.26, 60);
        Assert.False(run.Status("SM-01").Active);
        Assert.Equal(4, run.Status("SM-01").DebounceCount);

        run.RunUntil(60.05, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 4.26, 60);
        Assert.Equal(SafetyReaction.Stop, run.Monitor.Verdict.Reaction);
        Assert.Equal("SM-01", run.Monitor.Verdict.DiagnosisId);
        Assert.Equal(0, run.Monitor.Verdict.CurrentLimit_A);
        Assert.StartsWith("SM-01 cell_voltage above 4.25 V: stop", run.Monitor.Verdict.Cause);
    }

    [Fact]
    public void EmergencyStop_Latches_UntilReset()
    {
        var run = new MonitorRun();
        run.RunUntil(60);
        run.RunUntil(60.1, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 4.31, 60);
        Assert.Equal(SafetyReaction.EmergencyStop, run.Monitor.Verdict.Reaction);

        run.RunUntil(90);
        Assert.Equal(SafetyReaction.EmergencyStop, run.Monitor.Verdict.Reaction);
        Assert.Equal("SM-02", run.Monitor.Verdict.DiagnosisId);
        Assert.False(run.Status("SM-02").ConditionPresent);

        run.Monitor.Reset();
        Assert.True(run.Monitor.Verdict.IsNominal, run.Monitor.Verdict.Cause);
        run.RunUntil(91);
        Assert.True(run.Monitor.Verdict.IsNominal, run.Monitor.Verdict.Cause);
    }

    [Fact]
    public void Reset_DoesNotClear_APresentCause()
    {
        var run = new MonitorRun();
        run.RunUntil(60);
        Fault over = (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 4.31;
        run.RunUntil(61, over, 60);

        run.Monitor.Reset();
        Assert.Equal(SafetyReaction.EmergencyStop, run.Monitor.Verdict.Reaction);
        run.RunUntil(62, over, 60);
        Assert.Equal(SafetyReaction.EmergencyStop, run.Monitor.Verdict.Reaction);
    }

    [Fact]
    public void OverTemperature_Stop_Heals_BelowItsRelease_AfterTheSameDebounce()
    {
        var run = new MonitorRun();
        run.RunUntil(60);
        run.RunUntil(61, (ref x, _) => x.SurfaceTemperature_K = C + 51, 60);
        Assert.Equal("SM-07", run.Monitor.Verdict.DiagnosisId);

        // Between the release (45 °C) and the threshold (50 °C) it holds; below the release it heals after 10 samples.
        run.RunUntil(70, (ref x, _) => x.SurfaceTemperature_K = C + 47, 61);
        Assert.True(run.Status("SM-07").Active);
        run.RunUntil(70.09, (ref x, _) => x.SurfaceTemperature_K = C + 44, 70);
        Assert.True(run.Status("SM-07").Active);
        run.RunUntil(70.1, (ref x, _) => x.SurfaceTemperature_K = C + 44, 70);
        Assert.False(run.Status("SM-07").Active);
    }

    [Fact]
    public void TwoDerates_TheLowerCurrentWins()
    {
        var run = new MonitorRun();
        run.RunUntil(60);

        // Under-voltage (SM-03: 0.5 A) and a diverged estimator (SM-38: 2.5 A) at once.
        run.RunUntil(61, (ref x, t) =>
        {
            x.CellVoltage_V = x.OutputVoltage_V = 2.45;
            x.InnovationNis = 10 + (t % 0.37);
        }, 60);

        Assert.True(run.Status("SM-38").Active);
        Assert.Equal(SafetyReaction.Derate, run.Monitor.Verdict.Reaction);
        Assert.Equal("SM-03", run.Monitor.Verdict.DiagnosisId);
        Assert.Equal(0.5, run.Monitor.Verdict.CurrentLimit_A);
    }

    [Fact]
    public void AStop_Outranks_ADerate()
    {
        var run = new MonitorRun();
        run.RunUntil(60);

        run.RunUntil(61, (ref x, _) =>
        {
            x.SurfaceTemperature_K = C + 4;
            x.HeartbeatLost = true;
        }, 60);

        Assert.Equal("SM-30", run.Monitor.Verdict.DiagnosisId);
        Assert.Equal(SafetyReaction.Stop, run.Monitor.Verdict.Reaction);
    }

    [Fact]
    public void TheMonitor_Wins_OverTheSessionSetpoint()
    {
        var session = new Setpoint(15, 4.2, true, "fast charge");
        var derate = new SafetyVerdict(SafetyReaction.Derate, 2.5, "SM-09", "SM-09 cold", 0);
        var stop = new SafetyVerdict(SafetyReaction.Stop, 0, "SM-07", "SM-07 hot", 0.4);

        Assert.Equal(session, SafetyVerdict.Nominal.Limit(session));
        Assert.Equal(new Setpoint(2.5, 4.2, true, "SM-09 cold"), derate.Limit(session));
        Assert.Equal(session with { CurrentLimit_A = 1 }, derate.Limit(session with { CurrentLimit_A = 1 }));
        Assert.Equal(Setpoint.Off("SM-07 hot"), stop.Limit(session));
    }

    [Fact]
    public void StateOfSafety_Rises_WithSeveralMarginsTogether()
    {
        var run = new MonitorRun();
        run.RunUntil(60);
        // A step of the temperature is a steep rate for the 10 s window; after it the temperature alone scores.
        run.RunUntil(61, (ref x, _) => x.SurfaceTemperature_K = C + 48, 60);
        Assert.Equal(1, run.Monitor.StateOfSafety, 3);
        run.RunUntil(75, (ref x, _) => x.SurfaceTemperature_K = C + 48, 60);
        var temperatureOnly = run.Monitor.StateOfSafety;

        run.RunUntil(76, (ref x, _) =>
        {
            x.SurfaceTemperature_K = C + 48;
            x.CellVoltage_V = x.OutputVoltage_V = 4.25;
        }, 75);

        Assert.Equal(0.2, temperatureOnly, 3);
        Assert.Equal(1 - (0.8 * (1 - (0.04 / 0.09))), run.Monitor.StateOfSafety, 3);
        Assert.Equal(run.Monitor.StateOfSafety, run.Monitor.Verdict.StateOfSafety);
    }
}
