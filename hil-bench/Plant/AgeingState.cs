namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// Degradation modes of a scenario's cell, applied on top of a fresh parameter set:
/// loss of lithium inventory (LLI), loss of active material per electrode (LAM) and
/// resistance growth. Fractions are of the fresh cell's value (0 = fresh).
/// </summary>
public sealed record AgeingState(
    double LithiumInventoryLoss = 0,
    double NegativeActiveMaterialLoss = 0,
    double PositiveActiveMaterialLoss = 0,
    double ResistanceGrowth_Ohm = 0)
{
    public static AgeingState Fresh { get; } = new();

    public void Validate()
    {
        Check(LithiumInventoryLoss, nameof(LithiumInventoryLoss));
        Check(NegativeActiveMaterialLoss, nameof(NegativeActiveMaterialLoss));
        Check(PositiveActiveMaterialLoss, nameof(PositiveActiveMaterialLoss));
        if (!(ResistanceGrowth_Ohm >= 0) || double.IsInfinity(ResistanceGrowth_Ohm))
        {
            throw new ArgumentOutOfRangeException(nameof(ResistanceGrowth_Ohm), ResistanceGrowth_Ohm, "resistance growth must be a finite value ≥ 0 Ω");
        }
    }

    private static void Check(double fraction, string name)
    {
        if (!(fraction >= 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(name, fraction, $"{name} must be a fraction in [0, 1)");
        }
    }
}
