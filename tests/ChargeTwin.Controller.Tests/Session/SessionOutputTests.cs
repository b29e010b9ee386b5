using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using static ChargeTwin.Controller.Session.SessionState;
using static ChargeTwin.Controller.Tests.Session.Observations;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>What the session sends: min(inner, the state's cap, the verdict's limit), off where it must be, and why.</summary>
public sealed class SessionOutputTests
{
    private readonly FakeInnerController _inner = new();

    [Fact]
    public void Idle_IsOff_AndDoesNotStepTheInnerController()
    {
        var session = new SessionController(_inner);

        var sp = session.Step(Sample(0), 0);

        Assert.False(sp.Enable);
        Assert.Equal(0, _inner.Steps);
        Assert.Equal("idle: output off", sp.Reason);
    }

    [Fact]
    public void Precheck_IsOff_WithTheFailingCheckAsReason()
    {
        var session = new SessionController(_inner) { PowerStageLinkAlive = false };
        session.Start();

        var sp = session.Step(Sample(0), 0);

        Assert.Equal(Precheck, session.State);
        Assert.False(sp.Enable);
        Assert.Equal("precheck: output off: power-stage link not alive", sp.Reason);
    }

    [Fact]
    public void FastCharge_PassesTheInnerCurrentAndVoltageLimit_WithTheInnerReason()
    {
        var session = Started();

        var sp = session.Step(Sample(1), 1);

        Assert.Equal(new ChargeTwin.Controller.Contract.Setpoint(5, 4.2, true, "fast charge: fake: constant current"), sp);
    }

    [Fact]
    public void TheMonitorAlwaysWins_ItsLimitBindsWithItsCauseAsReason()
    {
        var session = Started();
        session.Verdict = Verdict(SafetyReaction.Derate, 2, "surface temperature above 45 °C");

        var sp = session.Step(Sample(1), 1);

        Assert.Equal(Derated, session.State);
        Assert.Equal(2, sp.CurrentLimit_A);
        Assert.True(sp.Enable);
        Assert.Equal("derated: surface temperature above 45 °C", sp.Reason);
    }

    [Fact]
    public void TheOutput_IsTheMinimumOfInnerStateCapAndVerdict_OverRandomValues()
    {
        var random = new Random(20250117);
        var session = Started();
        for (var k = 1; k < 2000; k++)
        {
            _inner.Current_A = random.NextDouble() * 10;
            _inner.PlatingEvidence = random.NextDouble() * 1.2;
            var limit_A = random.NextDouble() < 0.5 ? double.PositiveInfinity : random.NextDouble() * 10;
            session.Verdict = random.NextDouble() < 0.3 ? SafetyVerdict.Nominal : Verdict(SafetyReaction.Derate, limit_A);

            var sp = session.Step(Sample(k), k);

            var cap_A = session.State == PlatingRecovery ? 0 : session.Session.CurrentScale * _inner.Current_A;
            var expected_A = Math.Min(_inner.Current_A, Math.Min(cap_A, session.Verdict.CurrentLimit_A));
            Assert.Equal(expected_A, sp.CurrentLimit_A);
            Assert.True(sp.CurrentLimit_A <= session.Verdict.CurrentLimit_A);
        }
    }

    [Fact]
    public void ANaNVerdictLimit_TurnsTheOutputOff()
    {
        var session = Started();
        session.Verdict = Verdict(SafetyReaction.Derate, double.NaN);

        var sp = session.Step(Sample(1), 1);

        Assert.Equal(0, sp.CurrentLimit_A);
        Assert.False(sp.Enable);
    }

    [Fact]
    public void Fault_IsOff_WithTheDiagnosisAndCauseItWasEnteredWith()
    {
        var session = Started();
        session.Verdict = Verdict(SafetyReaction.Stop, 0, "power stage reports over-current");
        session.Step(Sample(1), 1);
        session.Verdict = Verdict(SafetyReaction.Stop, 0, "another cause");

        var sp = session.Step(Sample(2), 2);

        Assert.Equal(Fault, session.State);
        Assert.False(sp.Enable);
        Assert.Equal("fault: output off: D-TEST: power stage reports over-current", sp.Reason);
        Assert.Equal(3, _inner.Steps);
    }

    [Fact]
    public void EmergencyStop_IsOff_Latched_UntilTheOperatorResetsAfterTheVerdictClears()
    {
        var session = Started();
        session.Verdict = Verdict(SafetyReaction.EmergencyStop, 0, "cell voltage above 4.4 V");
        Assert.False(session.Step(Sample(1), 1).Enable);
        Assert.False(session.Reset());

        session.Verdict = SafetyVerdict.Nominal;
        var sp = session.Step(Sample(2), 2);
        Assert.Equal(EmergencyStop, session.State);
        Assert.Equal("emergency stop (latched): output off: D-TEST: cell voltage above 4.4 V", sp.Reason);

        Assert.True(session.Reset());
        Assert.Equal("idle: output off", session.Step(Sample(3), 3).Reason);
    }

    [Fact]
    public void Preconditioning_RequestsHeating_AndChargesOnlyAtWhatTheSolverAdmits()
    {
        _inner.AdmissibleCurrent_A = 0.7;
        var session = Started();

        var sp = session.Step(Sample(1, temperature_K: 268.15), 1);

        Assert.Equal(Preconditioning, session.State);
        Assert.True(session.HeatingRequested);
        Assert.Equal(0.7, sp.CurrentLimit_A);
        Assert.Equal("preconditioning (heating): at the solver's admissible current", sp.Reason);
    }

    [Fact]
    public void Preconditioning_IsOff_WhenNothingIsAdmissible()
    {
        _inner.NothingAdmissible = true;
        var session = Started();

        var sp = session.Step(Sample(1, temperature_K: 268.15), 1);

        Assert.Equal(0, sp.CurrentLimit_A);
        Assert.False(sp.Enable);
    }

    [Fact]
    public void PlatingRecovery_CutsTheCurrent_ThenResumesAtTheTightenedMargin()
    {
        var session = Started();
        _inner.PlatingEvidence = 1.1;

        var rest = session.Step(Sample(10), 10);
        Assert.Equal(PlatingRecovery, session.State);
        Assert.False(rest.Enable);
        Assert.Equal("plating recovery: resting at 0 A for 60 s", rest.Reason);

        var resumed = session.Step(Sample(70), 70);
        Assert.Equal(FastCharge, session.State);
        Assert.Equal(4, resumed.CurrentLimit_A, 12);
        Assert.Equal("fast charge: margin × 0.8 (plating recoveries: 1)", resumed.Reason);
    }

    [Fact]
    public void AnInnerControllerThatSwitchesOff_SwitchesTheOutputOff()
    {
        var session = Started();
        _inner.Enable = false;
        _inner.Reason = "protocol complete";

        var sp = session.Step(Sample(1), 1);

        Assert.False(sp.Enable);
        Assert.Equal("fast charge: protocol complete", sp.Reason);
    }

    [Fact]
    public void AMonitorGiven_ItsVerdictIsReadEachPeriod_AndItCannotBeOverridden()
    {
        var monitor = new FakeMonitor { Verdict = Verdict(SafetyReaction.Derate, 1.5) };
        var session = new SessionController(_inner, monitor: monitor);
        session.Start();

        Assert.Equal(1.5, session.Step(Sample(0), 0).CurrentLimit_A);
        Assert.Throws<InvalidOperationException>(() => session.Verdict = SafetyVerdict.Nominal);
    }

    [Fact]
    public void UnhandledTriggers_AreCountedWithTriggerAndState_NeverThrown()
    {
        var session = Started();
        session.Step(Sample(0), 0);

        Assert.False(session.Start());
        Assert.False(session.Reset());

        Assert.Equal(2, session.Unhandled.Count);
        Assert.Equal(SessionTrigger.Reset, session.Unhandled.LastTrigger);
        Assert.Equal(FastCharge, session.Unhandled.LastState);
        Assert.Equal("", session.Unhandled.LastUnmetGuards);
    }

    [Fact]
    public void Transitions_AreLogged_WithTriggerAndTime_AndTheRingKeepsTheLatest()
    {
        var session = new ChargingSession(new SessionLimits(), transitionLogCapacity: 4);
        session.Start();
        for (var t = 0; t < 6; t++)
        {
            session.Observe(At(t, t % 2 == 0 ? SafetyReaction.None : SafetyReaction.Derate));
        }

        Assert.Equal(7, session.Transitions.Count);
        Assert.Equal(4, session.Transitions.Retained);
        Assert.Equal(new SessionTransition(FastCharge, Derated, SessionTrigger.Derate, 5), session.Transitions.Last);
        Assert.Equal(new SessionTransition(Derated, FastCharge, SessionTrigger.DerateCleared, 2), session.Transitions[0]);
        Assert.Equal(5, session.StateEntered_s);
    }

    private SessionController Started()
    {
        var session = new SessionController(_inner);
        session.Start();
        session.Step(Sample(0), 0);
        Assert.Equal(FastCharge, session.State);
        return session;
    }

    private sealed class FakeMonitor : ISafetyMonitor
    {
        public SafetyVerdict Verdict { get; set; } = SafetyVerdict.Nominal;

        public SafetyVerdict Tick(in SafetyInputs inputs) => Verdict;

        public void Reset()
        {
        }
    }
}
