namespace ChargeTwin.Controller.Contract;

/// <summary>
/// What a controller asks of the charger power stage for the next period: a current limit (charge
/// positive), a voltage limit, whether to charge at all, and why (the binding rule, for the report).
/// </summary>
public readonly record struct Setpoint(double CurrentLimit_A, double VoltageLimit_V, bool Enable, string Reason)
{
    public static Setpoint Off(string reason) => new(0, 0, false, reason);
}
