namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// What the plant shows at one instant: the measurable terminal quantities and its hidden truth.
/// Controllers see only the measurable part, through sensor models; the truth is for the bench's metrics.
/// </summary>
public struct PlantSample
{
    public double Time_s;

    /// <summary>Terminal current [A], charge positive.</summary>
    public double Current_A;

    public double Voltage_V;

    /// <summary>Lumped (core) cell temperature [K].</summary>
    public double Temperature_K;

    /// <summary>Fixture stack pressure [Pa].</summary>
    public double StackPressure_Pa;

    /// <summary>Cell thickness change from the set's reference state [m].</summary>
    public double ThicknessChange_m;

    // Hidden truth.

    /// <summary>SOC from the particle-averaged negative stoichiometry and the windows at the start.</summary>
    public double StateOfCharge;

    /// <summary>Plating overpotential vs Li/Li⁺ extrapolated to the negative/separator interface [V].</summary>
    public double PlatingOverpotential_V;

    /// <summary>Minimum over the negative electrode's volumes of the plating overpotential [V].</summary>
    public double MinimumPlatingOverpotential_V;

    public double NegativeSurfaceStoichiometryAtSeparator;
    public double NegativeSurfaceStoichiometryAverage;
    public double PositiveSurfaceStoichiometryAverage;

    /// <summary>Reversibly plated lithium [mol].</summary>
    public double PlatedLithium_mol;

    /// <summary>Dead (electrically isolated) lithium [mol].</summary>
    public double DeadLithium_mol;

    /// <summary>Lithium bound in SEI grown since the initial SEI thickness [mol].</summary>
    public double SeiLithium_mol;

    /// <summary>Lithium in both electrodes' particles (the cyclable inventory) [mol].</summary>
    public double ParticleLithium_mol;

    /// <summary>Lithium in the electrolyte [mol].</summary>
    public double ElectrolyteLithium_mol;

    /// <summary>All lithium: particles + electrolyte + plated + dead + SEI [mol]; conserved.</summary>
    public readonly double TotalLithium_mol => ParticleLithium_mol + ElectrolyteLithium_mol + PlatedLithium_mol + DeadLithium_mol + SeiLithium_mol;

    /// <summary>Lithium held on the negative side (particles, plated, dead, SEI) [mol]; its change × F is the charge passed.</summary>
    public double NegativeSideLithium_mol;

    /// <summary>Minimum electrolyte concentration over x [mol/m³] (depletion).</summary>
    public double MinimumElectrolyteConcentration_molPerM3;
}
