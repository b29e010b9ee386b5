using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// Everything the DFN plant needs, typed and derived once from a parameter set (PyBaMM names),
/// an ageing state and the ambient temperature. Immutable.
/// </summary>
public sealed class DfnParameters
{
    public DfnParameters(ParameterSet set, AgeingState? ageing = null, double? ambient_K = null, double? initialTemperature_K = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        Set = set;
        Ageing = ageing ?? AgeingState.Fresh;
        Ageing.Validate();
        Negative = new ElectrodeParameters(set, Electrode.Negative, 1 - Ageing.NegativeActiveMaterialLoss);
        Positive = new ElectrodeParameters(set, Electrode.Positive, 1 - Ageing.PositiveActiveMaterialLoss);

        SeparatorThickness_m = set.Scalar("Separator thickness [m]");
        SeparatorPorosity = set.Scalar("Separator porosity");
        SeparatorBruggeman = set.Scalar("Separator Bruggeman coefficient (electrolyte)");
        SeparatorDensity_kgPerM3 = set.Scalar("Separator density [kg.m-3]");
        SeparatorSpecificHeat_JPerKgK = set.Scalar("Separator specific heat capacity [J.kg-1.K-1]");

        InitialElectrolyteConcentration_molPerM3 = set.Scalar("Initial concentration in electrolyte [mol.m-3]");
        TransferenceNumber = set.Scalar("Cation transference number");
        ElectrolyteDiffusivity = set.Function("Electrolyte diffusivity [m2.s-1]");
        ElectrolyteConductivity = set.Function("Electrolyte conductivity [S.m-1]");
        ThermodynamicFactor = set.Function("Thermodynamic factor");

        ElectrodeHeight_m = set.Scalar("Electrode height [m]");
        ElectrodeWidth_m = set.Scalar("Electrode width [m]");
        ElectrodesInParallel = set.TryGetScalar("Number of electrodes connected in parallel to make a cell", out var np) ? np : 1.0;
        CellVolume_m3 = set.Scalar("Cell volume [m3]");
        CoolingArea_m2 = set.Scalar("Cell cooling surface area [m2]");
        HeatTransferCoefficient_WPerM2K = set.Scalar("Total heat transfer coefficient [W.m-2.K-1]");
        ReferenceTemperature_K = set.Scalar("Reference temperature [K]");
        Ambient_K = ambient_K ?? set.Scalar("Ambient temperature [K]");
        InitialTemperature_K = initialTemperature_K ?? ambient_K ?? set.Scalar("Initial temperature [K]");
        ThermalExpansion_MPerK = set.TryGetScalar("Cell thermal expansion coefficient [m.K-1]", out var alpha) ? alpha : 0.0;
        ContactResistance_Ohm = (set.TryGetScalar("Contact resistance [Ohm]", out var rc) ? rc : 0.0) + Ageing.ResistanceGrowth_Ohm;

        LowerVoltageCutoff_V = set.Scalar("Lower voltage cut-off [V]");
        UpperVoltageCutoff_V = set.Scalar("Upper voltage cut-off [V]");
        NominalCapacity_Ah = set.Scalar("Nominal cell capacity [A.h]");

        PlatingRateConstant_MPerS = Optional(set, "Lithium plating kinetic rate constant [m.s-1]", 0.0);
        PlatingTransferCoefficient = Optional(set, "Lithium plating transfer coefficient", 0.5);
        InitialPlatedLithium_molPerM3 = Optional(set, "Initial plated lithium concentration [mol.m-3]", 0.0);
        DeadLithiumDecayConstant_perS = Optional(set, "Dead lithium decay constant [s-1]", 0.0);
        LithiumMolarVolume_M3PerMol = Optional(set, "Lithium metal partial molar volume [m3.mol-1]", 1.3e-5);

        InitialSeiThickness_m = Optional(set, "Initial SEI thickness [m]", 5e-9);
        SeiMolarVolume_M3PerMol = Optional(set, "SEI partial molar volume [m3.mol-1]", 9.585e-5);
        LithiumPerSeiMole = Optional(set, "Ratio of lithium moles to SEI moles", 2.0);
        SeiSolventDiffusivity_M2PerS = Optional(set, "SEI solvent diffusivity [m2.s-1]", 0.0);
        SeiBulkSolventConcentration_molPerM3 = Optional(set, "Bulk solvent concentration [mol.m-3]", 0.0);
        SeiResistivity_OhmM = Optional(set, "SEI resistivity [Ohm.m]", 0.0);
        SeiActivationEnergy_JPerMol = Optional(set, "SEI growth activation energy [J.mol-1]", 0.0);
        SeiExchangeCurrentDensity_APerM2 = Optional(set, "SEI reaction exchange current density [A.m-2]", 0.0);
        SeiOpenCircuitPotential_V = Optional(set, "SEI open-circuit potential [V]", 0.4);

        ElectrodeArea_m2 = ElectrodeHeight_m * ElectrodeWidth_m * ElectrodesInParallel;
        CellThickness_m = Negative.CollectorThickness_m + Negative.Thickness_m + SeparatorThickness_m + Positive.Thickness_m + Positive.CollectorThickness_m;
        VolumetricHeatCapacity_JPerM3K = (
            Negative.CollectorDensity_kgPerM3 * Negative.CollectorSpecificHeat_JPerKgK * Negative.CollectorThickness_m
            + Negative.Density_kgPerM3 * Negative.SpecificHeat_JPerKgK * Negative.Thickness_m
            + SeparatorDensity_kgPerM3 * SeparatorSpecificHeat_JPerKgK * SeparatorThickness_m
            + Positive.Density_kgPerM3 * Positive.SpecificHeat_JPerKgK * Positive.Thickness_m
            + Positive.CollectorDensity_kgPerM3 * Positive.CollectorSpecificHeat_JPerKgK * Positive.CollectorThickness_m) / CellThickness_m;

        // Cyclable lithium per unit electrode area from the set's initial concentrations, less the inventory loss.
        LithiumInventory_molPerM2 = (1 - Ageing.LithiumInventoryLoss) * (
            Negative.ActiveMaterialFraction * Negative.Thickness_m * Negative.InitialConcentration_molPerM3
            + Positive.ActiveMaterialFraction * Positive.Thickness_m * Positive.InitialConcentration_molPerM3);
        Check();
    }

    public ParameterSet Set { get; }
    public AgeingState Ageing { get; }
    public ElectrodeParameters Negative { get; }
    public ElectrodeParameters Positive { get; }

    public double SeparatorThickness_m { get; }
    public double SeparatorPorosity { get; }
    public double SeparatorBruggeman { get; }
    public double SeparatorDensity_kgPerM3 { get; }
    public double SeparatorSpecificHeat_JPerKgK { get; }

    public double InitialElectrolyteConcentration_molPerM3 { get; }
    public double TransferenceNumber { get; }

    /// <summary>D_e(c_e, T) [m²/s].</summary>
    public CellFunction ElectrolyteDiffusivity { get; }

    /// <summary>κ(c_e, T) [S/m].</summary>
    public CellFunction ElectrolyteConductivity { get; }

    /// <summary>1 + dln f/dln c (c_e, T).</summary>
    public CellFunction ThermodynamicFactor { get; }

    public double ElectrodeHeight_m { get; }
    public double ElectrodeWidth_m { get; }
    public double ElectrodesInParallel { get; }

    /// <summary>Total electrode area the terminal current spreads over [m²].</summary>
    public double ElectrodeArea_m2 { get; }

    public double CellVolume_m3 { get; }
    public double CoolingArea_m2 { get; }
    public double HeatTransferCoefficient_WPerM2K { get; }
    public double ReferenceTemperature_K { get; }
    public double Ambient_K { get; }
    public double InitialTemperature_K { get; }

    /// <summary>Reversible cell thickness change per kelvin [m/K].</summary>
    public double ThermalExpansion_MPerK { get; }

    public double ContactResistance_Ohm { get; }
    public double LowerVoltageCutoff_V { get; }
    public double UpperVoltageCutoff_V { get; }
    public double NominalCapacity_Ah { get; }

    public double PlatingRateConstant_MPerS { get; }
    public double PlatingTransferCoefficient { get; }
    public double InitialPlatedLithium_molPerM3 { get; }
    public double DeadLithiumDecayConstant_perS { get; }
    public double LithiumMolarVolume_M3PerMol { get; }

    public double InitialSeiThickness_m { get; }
    public double SeiMolarVolume_M3PerMol { get; }
    public double LithiumPerSeiMole { get; }
    public double SeiSolventDiffusivity_M2PerS { get; }
    public double SeiBulkSolventConcentration_molPerM3 { get; }
    public double SeiResistivity_OhmM { get; }
    public double SeiActivationEnergy_JPerMol { get; }
    public double SeiExchangeCurrentDensity_APerM2 { get; }
    public double SeiOpenCircuitPotential_V { get; }

    /// <summary>Collector-to-collector thickness of one electrode pair [m].</summary>
    public double CellThickness_m { get; }

    /// <summary>Thickness-weighted volumetric heat capacity of the layers [J/(m³ K)] (PyBaMM's ρc_p,eff).</summary>
    public double VolumetricHeatCapacity_JPerM3K { get; }

    /// <summary>Cyclable lithium in the particles per unit electrode area [mol/m²], after inventory loss.</summary>
    public double LithiumInventory_molPerM2 { get; }

    /// <summary>A copy with another ambient (and initial) temperature.</summary>
    public DfnParameters WithAmbient(double ambient_K) => new(Set, Ageing, ambient_K, ambient_K);

    private static double Optional(ParameterSet set, string name, double fallback) =>
        set.TryGetScalar(name, out var v) ? v : fallback;

    private void Check()
    {
        Positive01(Negative.Porosity, "Negative electrode porosity");
        Positive01(Positive.Porosity, "Positive electrode porosity");
        Positive01(SeparatorPorosity, "Separator porosity");
        Positive01(Negative.ActiveMaterialFraction, "Negative electrode active material volume fraction");
        Positive01(Positive.ActiveMaterialFraction, "Positive electrode active material volume fraction");
        PositiveValue(Negative.Thickness_m, "Negative electrode thickness [m]");
        PositiveValue(Positive.Thickness_m, "Positive electrode thickness [m]");
        PositiveValue(SeparatorThickness_m, "Separator thickness [m]");
        PositiveValue(Negative.ParticleRadius_m, "Negative particle radius [m]");
        PositiveValue(Positive.ParticleRadius_m, "Positive particle radius [m]");
        PositiveValue(ElectrodeArea_m2, "Electrode height [m] × Electrode width [m]");
        PositiveValue(InitialElectrolyteConcentration_molPerM3, "Initial concentration in electrolyte [mol.m-3]");
        if (!(UpperVoltageCutoff_V > LowerVoltageCutoff_V))
        {
            throw new ParameterValueException(Set.Name, "Upper voltage cut-off [V]", "must be above the lower cut-off");
        }
    }

    private void Positive01(double v, string name)
    {
        if (!(v > 0 && v < 1))
        {
            throw new ParameterValueException(Set.Name, name, $"must lie in (0, 1), is {v}");
        }
    }

    private void PositiveValue(double v, string name)
    {
        if (!(v > 0) || double.IsInfinity(v))
        {
            throw new ParameterValueException(Set.Name, name, $"must be positive and finite, is {v}");
        }
    }
}
