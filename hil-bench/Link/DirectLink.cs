using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// Measurements and setpoints passed as numbers once per control period. The power stage supervises the controller
/// by a heartbeat: silent for longer than <see cref="PowerStageRatings.HeartbeatTimeout_s"/>, the output goes off.
/// </summary>
public sealed class DirectLink(IChargeController controller, PowerStageEmulator stage, CellSimulator plant) : IControllerLink
{
    private double _lastHeartbeat_s = double.NegativeInfinity;
    private Setpoint _setpoint = Setpoint.Off("not started");

    public LinkKind Kind => LinkKind.Direct;

    public LinkStatistics Statistics => LinkStatistics.None;

    public string? WireError => null;

    /// <inheritdoc/>
    public SafetyVerdict Verdict => LinkVerdict.Of(controller);

    public MeasuredSample Delivered { get; private set; }

    public Setpoint Exchange(double t_s, double chargeTime_s, in MeasuredSample measured, bool controllerSilent)
    {
        if (!controllerSilent)
        {
            Delivered = measured;
            _setpoint = controller.Step(measured, chargeTime_s);
            _lastHeartbeat_s = t_s;
        }

        return _setpoint;
    }

    public void Advance(double t_s, double chargeTime_s, double next_s)
    {
        var timedOut = t_s - _lastHeartbeat_s > stage.Ratings.HeartbeatTimeout_s + 1e-9;
        stage.Apply(timedOut ? PowerStageCommand.Off : new PowerStageCommand(_setpoint.CurrentLimit_A, _setpoint.VoltageLimit_V, _setpoint.Enable), plant);
        stage.AdvanceTo(plant, next_s);
    }
}
