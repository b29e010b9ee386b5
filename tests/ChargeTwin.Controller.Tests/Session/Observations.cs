using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>Observations and measurements for the session's tests: a healthy cell mid-charge at 25 °C unless told otherwise.</summary>
internal static class Observations
{
    public const double Room_K = 298.15;

    public static SessionObservation At(
        double time_s,
        SafetyReaction reaction = SafetyReaction.None,
        double temperature_K = Room_K,
        double voltage_V = 3.8,
        double current_A = 5,
        double platingEvidence = 0,
        bool linkAlive = true) => new()
        {
            Time_s = time_s,
            Reaction = reaction,
            PowerStageLinkAlive = linkAlive,
            Voltage_V = voltage_V,
            Current_A = current_A,
            Temperature_K = temperature_K,
            StackPressure_Pa = 1e5,
            PlatingEvidence = platingEvidence,
        };

    public static MeasuredSample Sample(double time_s, double voltage_V = 3.8, double current_A = 5, double temperature_K = Room_K) =>
        new(time_s, voltage_V, current_A, temperature_K, 1e5);

    public static SafetyVerdict Verdict(SafetyReaction reaction, double limit_A, string cause = "test cause") =>
        new(reaction, limit_A, "D-TEST", cause, 0.5);

    /// <summary>A session started and observed once at 25 °C: in FastCharge.</summary>
    public static ChargingSession InFastCharge(SessionLimits? limits = null)
    {
        var session = new ChargingSession(limits ?? new SessionLimits());
        session.Start();
        session.Observe(At(0));
        Assert.Equal(SessionState.FastCharge, session.State);
        return session;
    }
}
