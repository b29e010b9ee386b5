namespace ChargeTwin.Controller.Experiments;

/// <summary>What a step does at the terminals.</summary>
public enum StepAction
{
    Charge,
    Discharge,
    Hold,
    Rest,
}

/// <summary>How the step's magnitude is given.</summary>
public enum StepQuantity
{
    /// <summary>No magnitude (rest).</summary>
    None,

    /// <summary>Current [A].</summary>
    Current,

    /// <summary>C-rate: multiples of the nominal capacity per hour.</summary>
    CRate,

    /// <summary>Power [W].</summary>
    Power,

    /// <summary>Voltage [V] (hold).</summary>
    Voltage,
}

/// <summary>A condition that ends a step.</summary>
public enum EndConditionKind
{
    /// <summary>Terminal voltage rises to the threshold [V].</summary>
    VoltageAbove,

    /// <summary>Terminal voltage falls to the threshold [V].</summary>
    VoltageBelow,

    /// <summary>Current magnitude falls to the threshold [A].</summary>
    CurrentBelow,

    /// <summary>Current magnitude falls to the threshold given as a C-rate.</summary>
    CRateBelow,
}

public readonly record struct EndCondition(EndConditionKind Kind, double Threshold);

/// <summary>
/// One step of an experiment, as PyBaMM writes them: "Charge at 1C until 4.2 V",
/// "Hold at 4.2 V until C/20", "Rest for 10 minutes", "Charge at 5 A for 10 minutes or until 4.2 V".
/// </summary>
public sealed record ExperimentStep(
    string Text,
    StepAction Action,
    StepQuantity Quantity,
    double Magnitude,
    double? Duration_s,
    IReadOnlyList<EndCondition> EndConditions)
{
    /// <summary>Terminal current [A] of a current or C-rate step, charge positive.</summary>
    public double Current_A(double nominalCapacity_Ah)
    {
        var magnitude = Quantity == StepQuantity.CRate ? Magnitude * nominalCapacity_Ah : Magnitude;
        return Action == StepAction.Discharge ? -magnitude : magnitude;
    }

    /// <summary>Terminal power [W] of a power step, charge positive.</summary>
    public double Power_W => Action == StepAction.Discharge ? -Magnitude : Magnitude;

    public override string ToString() => Text;
}
