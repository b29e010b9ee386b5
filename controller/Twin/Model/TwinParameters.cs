using ChargeTwin.Cells;

namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// The twin's typed nominal parameters, derived once from the same cell file the bench's plant reads (PyBaMM names),
/// with the plant's conventions: electrode area = height × width × electrodes in parallel, heat capacity from the
/// layers' densities and specific heats over the cell volume, the SEI film of the initial thickness, the nominal
/// lithium inventory from the initial concentrations and the stoichiometry windows at the reference temperature.
/// Immutable; the estimated corrections live in the state vector (<see cref="TwinLayout"/>).
/// </summary>
public sealed class TwinParameters
{
    /// <summary>Optional cell-file scalar: the core-to-surface thermal resistance of a two-node thermal model.</summary>
    public const string InternalThermalResistanceName = "Cell internal thermal resistance [K.W-1]";

    public TwinParameters(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        Set = set;
        Negative = new TwinElectrode(set, negative: true);
        Positive = new TwinElectrode(set, negative: false);
        SeparatorThickness_m = set.Scalar("Separator thickness [m]");
        SeparatorPorosity = set.Scalar("Separator porosity");
        SeparatorTransportEfficiency = Math.Pow(SeparatorPorosity, set.Scalar("Separator Bruggeman coefficient (electrolyte)"));
        InitialElectrolyteConcentration_molPerM3 = set.Scalar("Initial concentration in electrolyte [mol.m-3]");
        TransferenceNumber = set.Scalar("Cation transference number");
        ElectrolyteDiffusivity = set.Function("Electrolyte diffusivity [m2.s-1]");
        ElectrolyteConductivity = set.Function("Electrolyte conductivity [S.m-1]");
        ThermodynamicFactor = set.Function("Thermodynamic factor");

        var parallel = Optional(set, "Number of electrodes connected in parallel to make a cell", 1.0);
        ElectrodesInParallel = parallel;
        ElectrodeArea_m2 = set.Scalar("Electrode height [m]") * set.Scalar("Electrode width [m]") * parallel;
        CellVolume_m3 = set.Scalar("Cell volume [m3]");
        HeatTransfer_WPerK = set.Scalar("Total heat transfer coefficient [W.m-2.K-1]") * set.Scalar("Cell cooling surface area [m2]");
        ReferenceTemperature_K = set.Scalar("Reference temperature [K]");
        ThermalExpansion_MPerK = Optional(set, "Cell thermal expansion coefficient [m.K-1]", 0.0);
        ContactResistance_Ohm = Optional(set, "Contact resistance [Ohm]", 0.0);
        var collectorN = set.Scalar("Negative current collector thickness [m]");
        var collectorP = set.Scalar("Positive current collector thickness [m]");
        CollectorResistance_Ohm = ((collectorN / set.Scalar("Negative current collector conductivity [S.m-1]"))
            + (collectorP / set.Scalar("Positive current collector conductivity [S.m-1]"))) / ElectrodeArea_m2;
        HeatCapacity_JPerK = CellVolume_m3 * VolumetricHeatCapacity(set, collectorN, collectorP, SeparatorThickness_m);
        InternalThermalResistance_KPerW = set.TryGetScalar(InternalThermalResistanceName, out var rin) ? rin : null;

        // The plant's film: SEI resistivity × thickness, the thickness held at its initial value within a charge.
        FilmResistance_OhmM2 = Optional(set, "SEI resistivity [Ohm.m]", 0.0) * Optional(set, "Initial SEI thickness [m]", 5e-9);

        LowerVoltageCutoff_V = set.Scalar("Lower voltage cut-off [V]");
        UpperVoltageCutoff_V = set.Scalar("Upper voltage cut-off [V]");
        NominalCapacity_Ah = set.Scalar("Nominal cell capacity [A.h]");
        NominalInventory_molPerM2 = (Negative.ActiveMaterialFraction * Negative.Thickness_m * Negative.InitialConcentration_molPerM3)
            + (Positive.ActiveMaterialFraction * Positive.Thickness_m * Positive.InitialConcentration_molPerM3);
        WindowSolver = new WindowSolver(Negative, Positive, ReferenceTemperature_K, LowerVoltageCutoff_V, UpperVoltageCutoff_V,
            Negative.NominalSites_molPerM2, Positive.NominalSites_molPerM2, NominalInventory_molPerM2);
        NominalWindows = WindowSolver.Nominal;
        WindowCapacity_Ah = (NominalWindows.X100 - NominalWindows.X0) * Negative.NominalSites_molPerM2 * PhysicalConstants.Faraday * ElectrodeArea_m2 / 3600.0;
    }

    public ParameterSet Set { get; }

    /// <summary>The calibration's uncertainty of the cell file (the filter's prior), or null.</summary>
    public ParameterUncertainty? Uncertainty => Set.Uncertainty;

    public TwinElectrode Negative { get; }
    public TwinElectrode Positive { get; }
    public double SeparatorThickness_m { get; }
    public double SeparatorPorosity { get; }
    public double SeparatorTransportEfficiency { get; }
    public double InitialElectrolyteConcentration_molPerM3 { get; }
    public double TransferenceNumber { get; }

    /// <summary>D_e(c_e, T) [m²/s].</summary>
    public CellFunction ElectrolyteDiffusivity { get; }

    /// <summary>κ(c_e, T) [S/m].</summary>
    public CellFunction ElectrolyteConductivity { get; }

    /// <summary>1 + dln f/dln c (c_e, T).</summary>
    public CellFunction ThermodynamicFactor { get; }

    public double ElectrodesInParallel { get; }

    /// <summary>Area the terminal current spreads over [m²].</summary>
    public double ElectrodeArea_m2 { get; }

    public double CellVolume_m3 { get; }

    /// <summary>h·A to ambient [W/K] (nominal).</summary>
    public double HeatTransfer_WPerK { get; }

    /// <summary>Lumped heat capacity [J/K] (nominal): cell volume × thickness-weighted ρc_p of the layers, as the plant.</summary>
    public double HeatCapacity_JPerK { get; }

    /// <summary>Core-to-surface resistance [K/W] from the cell file, or null: one lumped node (the plant's model).</summary>
    public double? InternalThermalResistance_KPerW { get; }

    public double ReferenceTemperature_K { get; }
    public double ThermalExpansion_MPerK { get; }
    public double ContactResistance_Ohm { get; }

    /// <summary>Through-plane resistance of both collectors [Ω]; heats the cell but, as in the plant, is not in the voltage.</summary>
    public double CollectorResistance_Ohm { get; }

    /// <summary>SEI film resistance per particle surface [Ω m²] (0 when the file has no SEI resistivity).</summary>
    public double FilmResistance_OhmM2 { get; }

    public double NominalCapacity_Ah { get; }
    public double UpperVoltageCutoff_V { get; }
    public double LowerVoltageCutoff_V { get; }

    /// <summary>Cyclable lithium in the particles of the fresh cell per electrode area [mol/m²].</summary>
    public double NominalInventory_molPerM2 { get; }

    /// <summary>Stoichiometry windows of the fresh cell at the reference temperature.</summary>
    public ElectrodeWindows NominalWindows { get; }

    /// <summary>Charge between the cut-off OCVs of the fresh cell [A h].</summary>
    public double WindowCapacity_Ah { get; }

    internal WindowSolver WindowSolver { get; }

    /// <summary>
    /// Windows for electrode sites Q_n, Q_p and inventory n_Li [mol/m²] by bisection to 10⁻¹⁵ (the plant's method):
    /// the reference for the model's fast windows, not for the control loop (it allocates nothing but takes ~100× longer).
    /// </summary>
    public ElectrodeWindows ExactWindows(double negativeSites_molPerM2, double positiveSites_molPerM2, double inventory_molPerM2)
    {
        var x0 = WindowSolver.Bisect(negativeSites_molPerM2, positiveSites_molPerM2, inventory_molPerM2, LowerVoltageCutoff_V);
        var x100 = WindowSolver.Bisect(negativeSites_molPerM2, positiveSites_molPerM2, inventory_molPerM2, UpperVoltageCutoff_V);
        return new ElectrodeWindows(x0, x100, (inventory_molPerM2 - (x0 * negativeSites_molPerM2)) / positiveSites_molPerM2,
            (inventory_molPerM2 - (x100 * negativeSites_molPerM2)) / positiveSites_molPerM2);
    }

    private static double Optional(ParameterSet set, string name, double fallback) => set.TryGetScalar(name, out var v) ? v : fallback;

    private static double VolumetricHeatCapacity(ParameterSet set, double collectorN, double collectorP, double separator)
    {
        double Layer(string density, string heat, double thickness) => set.Scalar(density) * set.Scalar(heat) * thickness;
        var ln = set.Scalar("Negative electrode thickness [m]");
        var lp = set.Scalar("Positive electrode thickness [m]");
        var sum = Layer("Negative current collector density [kg.m-3]", "Negative current collector specific heat capacity [J.kg-1.K-1]", collectorN)
            + Layer("Negative electrode density [kg.m-3]", "Negative electrode specific heat capacity [J.kg-1.K-1]", ln)
            + Layer("Separator density [kg.m-3]", "Separator specific heat capacity [J.kg-1.K-1]", separator)
            + Layer("Positive electrode density [kg.m-3]", "Positive electrode specific heat capacity [J.kg-1.K-1]", lp)
            + Layer("Positive current collector density [kg.m-3]", "Positive current collector specific heat capacity [J.kg-1.K-1]", collectorP);
        return sum / (collectorN + ln + separator + lp + collectorP);
    }
}
