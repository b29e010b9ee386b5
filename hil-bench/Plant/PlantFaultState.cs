namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// The plant's faults at one instant, as the DFN model takes them: the internal short's conductance (0: none), the
/// fraction of the heat-transfer coefficient that still works (1: all), and an extra heat source
/// P(T) = P_ref exp(E_a/R (1/T_ref − 1/T)) (P_ref = 0: none).
/// </summary>
public readonly record struct PlantFaultState(
    double ShortConductance_S,
    double CoolingFraction,
    double SelfHeatingPower_W,
    double SelfHeatingReference_K,
    double SelfHeatingActivation_JPerMol)
{
    public static PlantFaultState None { get; } = new(0, 1, 0, 298.15, 0);
}
