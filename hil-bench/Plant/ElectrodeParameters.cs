using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Plant;

/// <summary>Which electrode of the cell.</summary>
public enum Electrode
{
    Negative,
    Positive,
}

/// <summary>Typed parameters of one porous electrode, read from a parameter set by PyBaMM's names.</summary>
public sealed class ElectrodeParameters
{
    public ElectrodeParameters(ParameterSet set, Electrode electrode, double activeMaterialScale)
    {
        Electrode = electrode;
        var e = electrode == Electrode.Negative ? "Negative" : "Positive";
        var el = electrode == Electrode.Negative ? "negative" : "positive";
        Thickness_m = set.Scalar($"{e} electrode thickness [m]");
        Porosity = set.Scalar($"{e} electrode porosity");
        ActiveMaterialFraction = set.Scalar($"{e} electrode active material volume fraction") * activeMaterialScale;
        ParticleRadius_m = set.Scalar($"{e} particle radius [m]");
        MaxConcentration_molPerM3 = set.Scalar($"Maximum concentration in {el} electrode [mol.m-3]");
        InitialConcentration_molPerM3 = set.Scalar($"Initial concentration in {el} electrode [mol.m-3]");
        BruggemanElectrolyte = set.Scalar($"{e} electrode Bruggeman coefficient (electrolyte)");
        BruggemanElectrode = set.Scalar($"{e} electrode Bruggeman coefficient (electrode)");
        Conductivity_SPerM = set.Scalar($"{e} electrode conductivity [S.m-1]");
        Density_kgPerM3 = set.Scalar($"{e} electrode density [kg.m-3]");
        SpecificHeat_JPerKgK = set.Scalar($"{e} electrode specific heat capacity [J.kg-1.K-1]");
        CollectorThickness_m = set.Scalar($"{e} current collector thickness [m]");
        CollectorDensity_kgPerM3 = set.Scalar($"{e} current collector density [kg.m-3]");
        CollectorSpecificHeat_JPerKgK = set.Scalar($"{e} current collector specific heat capacity [J.kg-1.K-1]");
        CollectorConductivity_SPerM = set.Scalar($"{e} current collector conductivity [S.m-1]");
        OpenCircuitPotential = set.Function($"{e} electrode OCP [V]");
        EntropicChange = set.Contains($"{e} electrode OCP entropic change [V.K-1]")
            ? set.Function($"{e} electrode OCP entropic change [V.K-1]")
            : null;
        Diffusivity = set.Function($"{e} particle diffusivity [m2.s-1]");
        ExchangeCurrentDensity = set.Function($"{e} electrode exchange-current density [A.m-2]");
        VolumeChange = set.Contains($"{e} electrode volume change") ? set.Function($"{e} electrode volume change") : null;
    }

    public Electrode Electrode { get; }
    public double Thickness_m { get; }
    public double Porosity { get; }
    public double ActiveMaterialFraction { get; }
    public double ParticleRadius_m { get; }
    public double MaxConcentration_molPerM3 { get; }
    public double InitialConcentration_molPerM3 { get; }
    public double BruggemanElectrolyte { get; }
    public double BruggemanElectrode { get; }
    public double Conductivity_SPerM { get; }
    public double Density_kgPerM3 { get; }
    public double SpecificHeat_JPerKgK { get; }
    public double CollectorThickness_m { get; }
    public double CollectorDensity_kgPerM3 { get; }
    public double CollectorSpecificHeat_JPerKgK { get; }
    public double CollectorConductivity_SPerM { get; }

    /// <summary>U(x) [V], x = surface stoichiometry.</summary>
    public CellFunction OpenCircuitPotential { get; }

    /// <summary>dU/dT(x) [V/K], or null when the set gives none (zero).</summary>
    public CellFunction? EntropicChange { get; }

    /// <summary>D_s(x, T) [m²/s].</summary>
    public CellFunction Diffusivity { get; }

    /// <summary>j₀(c_e, c_s,surf, c_max, T) [A/m²].</summary>
    public CellFunction ExchangeCurrentDensity { get; }

    /// <summary>Relative particle volume change ΔV/V(x), or null when the set gives none.</summary>
    public CellFunction? VolumeChange { get; }

    /// <summary>Specific interfacial area a = 3 ε_s / R [1/m].</summary>
    public double SurfaceAreaDensity_perM => 3.0 * ActiveMaterialFraction / ParticleRadius_m;

    /// <summary>Effective solid conductivity σ ε_s^b [S/m].</summary>
    public double EffectiveConductivity_SPerM => Conductivity_SPerM * Math.Pow(ActiveMaterialFraction, BruggemanElectrode);

    /// <summary>Electrolyte transport efficiency ε^b.</summary>
    public double TransportEfficiency => Math.Pow(Porosity, BruggemanElectrolyte);

    /// <summary>Lithium capacity of the electrode's full stoichiometry range per unit electrode area [C/m²].</summary>
    public double AreaCapacity_CPerM2 => ActiveMaterialFraction * Thickness_m * MaxConcentration_molPerM3 * PhysicalConstants.Faraday;
}
