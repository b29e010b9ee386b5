using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using static ChargeTwin.Controller.Session.SessionState;
using static ChargeTwin.Controller.Tests.Session.Observations;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>Every guard of the machine, on both sides of its threshold where it has one (default limits: 5 °C, 10 °C, 4.15 V, 0.25 A for 30 s, evidence 1 re-armed below 0.5, rest 60 s).</summary>
public sealed class ChargingSessionGuardTests
{
    [Fact]
    public void Idle_GoesToPrecheck_OnStart_AndStaysIdleWithoutIt()
    {
        var session = new ChargingSession(new SessionLimits());
        session.Observe(At(0));
        Assert.Equal(Idle, session.State);

        Assert.True(session.Start());

        Assert.Equal(Precheck, session.State);
    }

    [Fact]
    public void Precheck_Waits_WhilePowerStageLinkIsNotAlive()
    {
        var session = Started();
        session.Observe(At(0, linkAlive: false));
        Assert.Equal(Precheck, session.State);
        Assert.Equal("power-stage link not alive", session.PrecheckProblem());

        session.Observe(At(1));
        Assert.Equal(FastCharge, session.State);
    }

    [Theory]
    [InlineData(double.NaN, Room_K, 5)]
    [InlineData(1.9, Room_K, 5)]
    [InlineData(5.1, Room_K, 5)]
    [InlineData(3.8, 230.0, 5)]
    [InlineData(3.8, 380.0, 5)]
    [InlineData(3.8, Room_K, double.PositiveInfinity)]
    public void Precheck_Waits_WhileSensorsAreNotPlausible(double voltage_V, double temperature_K, double current_A)
    {
        var session = Started();
        session.Observe(At(0, voltage_V: voltage_V, temperature_K: temperature_K, current_A: current_A));
        Assert.Equal(Precheck, session.State);
        Assert.Equal("sensors not plausible", session.PrecheckProblem());
    }

    [Fact]
    public void Precheck_Waits_WhenLimitsAreNotLoaded()
    {
        var session = new ChargingSession(new SessionLimits { WarmFrom_K = 270 });
        session.Start();
        session.Observe(At(0));
        Assert.Equal(Precheck, session.State);
        Assert.Equal("limits not loaded", session.PrecheckProblem());
    }

    [Fact]
    public void Precheck_GoesToFastCharge_AtTheColdThreshold_AndToPreconditioning_JustBelowIt()
    {
        var atThreshold = Started();
        atThreshold.Observe(At(0, temperature_K: 278.15));
        Assert.Equal(FastCharge, atThreshold.State);

        var below = Started();
        below.Observe(At(0, temperature_K: 278.14));
        Assert.Equal(Preconditioning, below.State);
        Assert.True(below.HeatingRequested);
    }

    [Fact]
    public void Preconditioning_StaysBelowWarmFrom_AndGoesToFastCharge_AtIt()
    {
        var session = Started();
        session.Observe(At(0, temperature_K: 270));
        session.Observe(At(1, temperature_K: 283.14));
        Assert.Equal(Preconditioning, session.State);
        Assert.True(session.HeatingRequested);

        session.Observe(At(2, temperature_K: 283.15));

        Assert.Equal(FastCharge, session.State);
        Assert.False(session.HeatingRequested);
    }

    [Fact]
    public void FastCharge_StaysAtTheColdThreshold_AndGoesToPreconditioning_BelowIt()
    {
        var session = InFastCharge();
        session.Observe(At(1, temperature_K: 278.15));
        Assert.Equal(FastCharge, session.State);

        session.Observe(At(2, temperature_K: 278.1));

        Assert.Equal(Preconditioning, session.State);
    }

    [Fact]
    public void FastCharge_StaysBelowTaperVoltage_AndGoesToTaper_AtIt()
    {
        var session = InFastCharge();
        session.Observe(At(1, voltage_V: 4.149));
        Assert.Equal(FastCharge, session.State);

        session.Observe(At(2, voltage_V: 4.15));

        Assert.Equal(Taper, session.State);
    }

    [Fact]
    public void Taper_GoesToComplete_OnlyAfterTheCurrentHasStayedBelowTheCutoffForTheHoldTime()
    {
        var session = InFastCharge();
        session.Observe(At(1, voltage_V: 4.2, current_A: 1));
        Assert.Equal(Taper, session.State);
        session.Observe(At(10, voltage_V: 4.2, current_A: 0.25));
        session.Observe(At(39, voltage_V: 4.2, current_A: 0.2));
        Assert.Equal(Taper, session.State);

        // The current rising above the cut-off restarts the hold.
        session.Observe(At(39.5, voltage_V: 4.2, current_A: 0.3));
        session.Observe(At(40, voltage_V: 4.2, current_A: 0.2));
        session.Observe(At(69, voltage_V: 4.2, current_A: 0.2));
        Assert.Equal(Taper, session.State);

        session.Observe(At(70, voltage_V: 4.2, current_A: 0.2));

        Assert.Equal(Complete, session.State);
    }

    [Fact]
    public void FastCharge_GoesToPlatingRecovery_WhenEvidenceCrossesThreshold()
    {
        var session = InFastCharge();
        session.Observe(At(1, platingEvidence: 0.99));
        Assert.Equal(FastCharge, session.State);

        session.Observe(At(2, platingEvidence: 1.0));

        Assert.Equal(PlatingRecovery, session.State);
        Assert.Equal(1, session.PlatingRecoveries);
        Assert.Equal(0.8, session.CurrentScale, 12);
    }

    [Fact]
    public void PlatingRecovery_RestsForTheRestTime_ThenResumesFastCharge()
    {
        var session = InFastCharge();
        session.Observe(At(100, platingEvidence: 1.2));
        session.Observe(At(159.9, platingEvidence: 1.2));
        Assert.Equal(PlatingRecovery, session.State);

        session.Observe(At(160, platingEvidence: 1.2));

        Assert.Equal(FastCharge, session.State);
    }

    [Fact]
    public void PlatingRecovery_IsNotReentered_UntilEvidenceHasFallenBelowTheRearmLevel()
    {
        var session = InFastCharge(new SessionLimits { RecoveryRest_s = 0 });
        session.Observe(At(1, platingEvidence: 1.5));
        Assert.Equal(FastCharge, session.State);
        Assert.Equal(1, session.PlatingRecoveries);

        session.Observe(At(2, platingEvidence: 1.5));
        session.Observe(At(3, platingEvidence: 0.5));
        session.Observe(At(4, platingEvidence: 1.0));
        Assert.Equal(1, session.PlatingRecoveries);

        session.Observe(At(5, platingEvidence: 0.49));
        session.Observe(At(6, platingEvidence: 1.0));

        Assert.Equal(2, session.PlatingRecoveries);
        Assert.Equal(0.64, session.CurrentScale, 12);
    }

    [Fact]
    public void PlatingRecovery_WithoutRest_ResumesInTheSamePeriod_WithTheTightenedMargin()
    {
        var session = InFastCharge(new SessionLimits { RecoveryRest_s = 0 });
        session.Observe(At(1, platingEvidence: 1.5));

        Assert.Equal(FastCharge, session.State);
        Assert.Equal([PlatingRecovery, FastCharge], [session.Transitions[session.Transitions.Retained - 2].To, session.Transitions.Last.To]);
        Assert.Equal(0.8, session.CurrentScale, 12);
    }

    [Fact]
    public void FastCharge_GoesToDerated_WhenMonitorSaysDerate_AndBack_OnlyWhenNominal()
    {
        var session = InFastCharge();
        session.Observe(At(1, SafetyReaction.Derate));
        Assert.Equal(Derated, session.State);
        session.Observe(At(2, SafetyReaction.Derate));
        Assert.Equal(Derated, session.State);

        session.Observe(At(3));

        Assert.Equal(FastCharge, session.State);
    }

    [Fact]
    public void Derated_GoesToPlatingRecovery_WhenEvidenceCrossesThreshold()
    {
        var session = InFastCharge();
        session.Observe(At(1, SafetyReaction.Derate));
        session.Observe(At(2, SafetyReaction.Derate, platingEvidence: 1));
        Assert.Equal(PlatingRecovery, session.State);
    }

    [Fact]
    public void Derated_ReturnsThroughFastCharge_ToWhereTheConditionsPoint_InOnePeriod()
    {
        var session = InFastCharge();
        session.Observe(At(1, SafetyReaction.Derate));
        session.Observe(At(2, voltage_V: 4.18));
        Assert.Equal(Taper, session.State);
    }

    [Fact]
    public void Charging_GoesToFault_WhenMonitorSaysStop_AndBackToPrecheck_OnlyOnceItNoLongerDoes()
    {
        var session = InFastCharge();
        session.Observe(At(1, SafetyReaction.Stop));
        Assert.Equal(Fault, session.State);
        session.Observe(At(2, SafetyReaction.Stop));
        Assert.Equal(Fault, session.State);

        session.Observe(At(3, SafetyReaction.Derate, linkAlive: false));

        Assert.Equal(Precheck, session.State);
    }

    [Fact]
    public void Precheck_GoesToFault_WhenMonitorSaysStop()
    {
        var session = Started();
        session.Observe(At(0, SafetyReaction.Stop));
        Assert.Equal(Fault, session.State);
    }

    [Theory]
    [InlineData(Idle)]
    [InlineData(Precheck)]
    [InlineData(Preconditioning)]
    [InlineData(FastCharge)]
    [InlineData(Taper)]
    [InlineData(PlatingRecovery)]
    [InlineData(Derated)]
    [InlineData(Complete)]
    [InlineData(Fault)]
    public void AnyState_GoesToEmergencyStop_WhenMonitorDemandsIt(SessionState from)
    {
        var session = SessionPaths.In(from);

        session.Observe(At(1000, SafetyReaction.EmergencyStop));

        Assert.Equal(EmergencyStop, session.State);
        Assert.Equal(from, session.Transitions.Last.From);
    }

    [Fact]
    public void EmergencyStop_RefusesReset_WhileMonitorStillDemandsIt_AndGoesToIdleOnceItNoLongerDoes()
    {
        var session = SessionPaths.In(EmergencyStop);

        Assert.False(session.Reset(SafetyReaction.EmergencyStop));
        Assert.Equal(EmergencyStop, session.State);
        Assert.Equal("monitor no longer demands EmergencyStop", session.Unhandled.LastUnmetGuards);

        Assert.True(session.Reset(SafetyReaction.Stop));
        Assert.Equal(Idle, session.State);
    }

    [Fact]
    public void EmergencyStop_IsNotLeft_WhenTheVerdictClearsWithoutReset()
    {
        var session = SessionPaths.In(EmergencyStop);
        for (var t = 0; t < 100; t++)
        {
            session.Observe(At(2000 + t));
        }

        Assert.False(session.Stop());
        Assert.False(session.Start());
        Assert.Equal(EmergencyStop, session.State);
    }

    [Fact]
    public void OperatorStop_GoesToIdle_FromChargingFaultAndComplete()
    {
        foreach (var from in (SessionState[])[Precheck, Preconditioning, FastCharge, Taper, PlatingRecovery, Derated, Fault, Complete])
        {
            var session = SessionPaths.In(from);
            Assert.True(session.Stop(), from.ToString());
            Assert.Equal(Idle, session.State);
        }
    }

    [Fact]
    public void Complete_StartsANewCharge_WithTheMarginBackToOne()
    {
        var session = InFastCharge(new SessionLimits { RecoveryRest_s = 0 });
        session.Observe(At(1, platingEvidence: 2));
        session.Observe(At(2, voltage_V: 4.2, current_A: 0.1));
        session.Observe(At(3, voltage_V: 4.2, current_A: 0.1));
        session.Observe(At(33, voltage_V: 4.2, current_A: 0.1));
        Assert.Equal(Complete, session.State);
        Assert.Equal(0.8, session.CurrentScale, 12);

        Assert.True(session.Start());

        Assert.Equal(Precheck, session.State);
        Assert.Equal(1, session.CurrentScale);
        Assert.Equal(0, session.PlatingRecoveries);
    }

    private static ChargingSession Started()
    {
        var session = new ChargingSession(new SessionLimits());
        session.Start();
        return session;
    }
}
