using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// How the controller under test meets the bench in each control period: the measured sample goes to the controller,
/// its setpoint to the power stage, which then drives the plant to the next period.
/// </summary>
public interface IControllerLink
{
    LinkKind Kind { get; }

    /// <summary>
    /// At the control instant <paramref name="t_s"/>: hands the measured sample to the controller (unless it is
    /// silenced by an injected fault) and its setpoint to the power stage. Returns the controller's setpoint in force.
    /// </summary>
    Setpoint Exchange(double t_s, double chargeTime_s, in MeasuredSample measured, bool controllerSilent);

    /// <summary>The power stage acts on what it was told and the plant runs to <paramref name="next_s"/>, the next control instant.</summary>
    void Advance(double t_s, double chargeTime_s, double next_s);

    /// <summary>The measurement the controller was last given, as it received it (on the CAN link: decoded from the frames).</summary>
    MeasuredSample Delivered { get; }

    LinkStatistics Statistics { get; }

    /// <summary>
    /// The safety verdict in force on the controller's side, as the controller can see it (never the plant's truth):
    /// the controller's own when the controller under test exposes one (<see cref="LinkVerdict"/>), else nominal.
    /// </summary>
    SafetyVerdict Verdict { get; }

    /// <summary>The first value that did not fit its DBC signal, as one line (the scenario then ends in Error); null while none.</summary>
    string? WireError { get; }
}
