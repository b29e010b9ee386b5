using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// The true health vector of a scenario's cell in the twin's terms — relative to the cell file the twin was given,
/// so cell-to-cell spread and ageing together: LLI = 1 − n_Li/n_Li,file, LAM = 1 − ε_s/ε_s,file per electrode, and
/// the series resistance above the file's contact resistance.
/// </summary>
public sealed record HealthTruth(double LithiumInventoryLoss, double NegativeActiveMaterialLoss, double PositiveActiveMaterialLoss, double ResistanceGrowth_Ohm)
{
    public static HealthTruth Of(DfnParameters plant, DfnParameters file) => new(
        1 - (plant.LithiumInventory_molPerM2 / file.LithiumInventory_molPerM2),
        1 - (plant.Negative.ActiveMaterialFraction / file.Negative.ActiveMaterialFraction),
        1 - (plant.Positive.ActiveMaterialFraction / file.Positive.ActiveMaterialFraction),
        plant.ContactResistance_Ohm - file.ContactResistance_Ohm);
}
