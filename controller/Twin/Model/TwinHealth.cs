namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// The health vector a state implies, in the plant's ageing terms (fractions of the fresh cell file's value).
/// </summary>
/// <param name="LithiumInventoryLoss">LLI = 1 − n_Li/n_Li,nominal, n_Li the particles' lithium (x̄_n Q_n + ȳ_p Q_p).</param>
/// <param name="NegativeActiveMaterialLoss">LAM_n = 1 − ε_s,n/ε_s,n nominal.</param>
/// <param name="PositiveActiveMaterialLoss">LAM_p = 1 − ε_s,p/ε_s,p nominal.</param>
/// <param name="ResistanceGrowth_Ohm">Series resistance added to the cell file's contact resistance [Ω].</param>
/// <param name="Capacity_Ah">Charge between the cut-off OCVs with these capacities and this inventory [A h].</param>
public readonly record struct TwinHealth(
    double LithiumInventoryLoss,
    double NegativeActiveMaterialLoss,
    double PositiveActiveMaterialLoss,
    double ResistanceGrowth_Ohm,
    double Capacity_Ah);
