using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Controllers;

/// <summary>
/// What a controller asks of the charger power stage for the next period: a current limit (charge
/// positive), a voltage limit, whether to charge at all, and why (the binding rule, for the report).
/// </summary>
public readonly record struct Setpoint(double CurrentLimit_A, double VoltageLimit_V, bool Enable, string Reason)
{
    public static Setpoint Off(string reason) => new(0, 0, false, reason);
}

/// <summary>A controller's estimate of a hidden quantity, with its standard deviation.</summary>
public readonly record struct Estimate(double Mean, double Sigma)
{
    public static Estimate None { get; } = new(double.NaN, double.NaN);

    public bool HasValue => !double.IsNaN(Mean);
}

/// <summary>
/// A charging controller under test. It sees only measurements (through the sensor models) and time since
/// the charge began; it is called once per control period on the virtual clock. Only the oracle, the bench's
/// physical reference, is built with access to the true plant.
/// </summary>
public interface IChargeController
{
    string Name { get; }

    Setpoint Step(in MeasuredSample measured, double chargeTime_s);

    /// <summary>Its SOC estimate with σ (<see cref="Estimate.None"/> when it keeps none).</summary>
    Estimate StateOfCharge => Estimate.None;
}
