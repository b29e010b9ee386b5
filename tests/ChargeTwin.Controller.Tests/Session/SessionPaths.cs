using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using static ChargeTwin.Controller.Session.SessionState;
using static ChargeTwin.Controller.Tests.Session.Observations;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>The shortest way into each state, through the machine's own transitions (default limits).</summary>
internal static class SessionPaths
{
    public static ChargingSession In(SessionState state)
    {
        var session = new ChargingSession(new SessionLimits());
        if (state == Idle)
        {
            return session;
        }

        session.Start();
        switch (state)
        {
            case Preconditioning:
                session.Observe(At(0, temperature_K: 270));
                break;
            case FastCharge:
                session.Observe(At(0));
                break;
            case Taper:
                session.Observe(At(0, voltage_V: 4.2));
                break;
            case PlatingRecovery:
                session.Observe(At(0, platingEvidence: 1));
                break;
            case Derated:
                session.Observe(At(0, SafetyReaction.Derate));
                break;
            case Complete:
                session.Observe(At(0, voltage_V: 4.2, current_A: 0.1));
                session.Observe(At(1, voltage_V: 4.2, current_A: 0.1));
                session.Observe(At(31, voltage_V: 4.2, current_A: 0.1));
                break;
            case Fault:
                session.Observe(At(0, SafetyReaction.Stop));
                break;
            case SessionState.EmergencyStop:
                session.Observe(At(0, SafetyReaction.EmergencyStop));
                break;
        }

        Assert.Equal(state, session.State);
        return session;
    }
}
