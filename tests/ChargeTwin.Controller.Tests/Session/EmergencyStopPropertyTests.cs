using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using static ChargeTwin.Controller.Session.SessionState;
using static ChargeTwin.Controller.Tests.Session.Observations;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>
/// Seeded random sequences of operator commands and observations (every reaction, temperatures across both thresholds,
/// voltages across the taper threshold, currents across the cut-off, plating evidence, the link coming and going):
/// the properties hold in every step of every sequence.
/// </summary>
public sealed class EmergencyStopPropertyTests
{
    private const int Sequences = 300, StepsPerSequence = 300;

    [Fact]
    public void EmergencyStop_IsLeftOnlyByTheExplicitReset_AndOnlyWhenTheMonitorNoLongerDemandsIt()
    {
        var exits = 0;
        ForEachStep((session, op, reaction, before) =>
        {
            if (before == EmergencyStop && session.State != EmergencyStop)
            {
                exits++;
                Assert.Equal(Op.Reset, op);
                Assert.NotEqual(SafetyReaction.EmergencyStop, reaction);
                Assert.Equal(Idle, session.State);
            }
        });

        Assert.True(exits > 100, $"only {exits} exits from EmergencyStop: the sequences do not exercise the property");
    }

    [Fact]
    public void AnEmergencyVerdict_AlwaysEndsInEmergencyStop_AndAStopVerdictNeverLeavesTheOutputPossible()
    {
        ForEachStep((session, op, reaction, before) =>
        {
            if (op != Op.Observe)
            {
                return;
            }

            if (reaction == SafetyReaction.EmergencyStop)
            {
                Assert.Equal(EmergencyStop, session.State);
            }

            if (reaction == SafetyReaction.Stop)
            {
                Assert.False(session.IsIn(Charging) || session.State == Precheck, $"{before} → {session.State} under a Stop verdict");
            }
        });
    }

    [Fact]
    public void EveryTransition_IsLogged_AndEveryPeriodSettles()
    {
        ForEachStep((session, op, reaction, before) =>
        {
            Assert.Equal(session.State, session.Transitions.Count == 0 ? Idle : session.Transitions.Last.To);
            Assert.Equal(0, session.UnsettledPeriods);
        });
    }

    private static void ForEachStep(Action<ChargingSession, Op, SafetyReaction, SessionState> check)
    {
        var random = new Random(4711);
        var limits = new SessionLimits { RecoveryRest_s = 5, CompleteHold_s = 3 };
        for (var s = 0; s < Sequences; s++)
        {
            var session = new ChargingSession(limits);
            var reaction = SafetyReaction.None;
            for (var k = 0; k < StepsPerSequence; k++)
            {
                var before = session.State;
                var roll = random.NextDouble();
                var op = roll < 0.06 ? Op.Start : roll < 0.09 ? Op.Stop : roll < 0.2 ? Op.Reset : Op.Observe;
                if (random.NextDouble() < 0.15)
                {
                    reaction = (SafetyReaction)random.Next(4);
                }

                switch (op)
                {
                    case Op.Start:
                        session.Start();
                        break;
                    case Op.Stop:
                        session.Stop();
                        break;
                    case Op.Reset:
                        session.Reset(reaction);
                        break;
                    default:
                        session.Observe(At(
                            k,
                            reaction,
                            temperature_K: 270 + (20 * random.NextDouble()),
                            voltage_V: random.NextDouble() < 0.02 ? double.NaN : 4.0 + (0.2 * random.NextDouble()),
                            current_A: 0.5 * random.NextDouble(),
                            platingEvidence: 1.2 * random.NextDouble(),
                            linkAlive: random.NextDouble() < 0.9));
                        break;
                }

                check(session, op, reaction, before);
            }
        }
    }

    private enum Op
    {
        Observe,
        Start,
        Stop,
        Reset,
    }
}
