namespace ChargeTwin.Cells;

/// <summary>The field names of the BPX sections this importer reads (BPX schema, v0.1 … v1).</summary>
internal static class BpxFields
{
    public static readonly string[] Root = ["Header", "Parameterisation", "State", "Validation"];

    public static readonly string[] Header = ["BPX", "Title", "Description", "References", "Model"];

    public static readonly string[] Parameterisation =
        ["Cell", "Electrolyte", "Negative electrode", "Positive electrode", "Separator", "User-defined"];

    public static readonly string[] Cell =
    [
        "Electrode area [m2]",
        "External surface area [m2]",
        "Volume [m3]",
        "Number of electrode pairs connected in parallel to make a cell",
        "Lower voltage cut-off [V]",
        "Upper voltage cut-off [V]",
        "Nominal cell capacity [A.h]",
        "Reference temperature [K]",
        "Density [kg.m-3]",
        "Specific heat capacity [J.K-1.kg-1]",
        "Thermal conductivity [W.m-1.K-1]",
        "Ambient temperature [K]", // v0.x; v1 has it in State
        "Initial temperature [K]", // v0.x; v1 has it in State
    ];

    public static readonly string[] Electrolyte =
    [
        "Initial concentration [mol.m-3]", // v0.x; v1: State / Initial conditions
        "Cation transference number",
        "Diffusivity [m2.s-1]",
        "Diffusivity activation energy [J.mol-1]",
        "Conductivity [S.m-1]",
        "Conductivity activation energy [J.mol-1]",
    ];

    public static readonly string[] Electrode =
    [
        "Thickness [m]",
        "Porosity",
        "Transport efficiency",
        "Conductivity [S.m-1]",
        "Minimum stoichiometry",
        "Maximum stoichiometry",
        "Maximum concentration [mol.m-3]",
        "Particle radius [m]",
        "Surface area per unit volume [m-1]",
        "Diffusivity [m2.s-1]",
        "Diffusivity activation energy [J.mol-1]",
        "OCP [V]",
        "Entropic change coefficient [V.K-1]",
        "Reaction rate constant [mol.m-2.s-1]",
        "Reaction rate constant activation energy [J.mol-1]",
        "Particle",
        "OCP (delithiation) [V]",
        "OCP (lithiation) [V]",
        "OCP hysteresis decay constant",
    ];

    public static readonly string[] Hysteresis = ["OCP (delithiation) [V]", "OCP (lithiation) [V]", "OCP hysteresis decay constant"];

    public static readonly string[] Separator = ["Thickness [m]", "Porosity", "Transport efficiency"];

    public static readonly string[] State = ["Initial conditions", "Thermal state", "Thermal environment", "Degradation"];

    public static readonly string[] InitialConditions =
    [
        "Initial state-of-charge",
        "Initial temperature [K]",
        "Initial electrolyte concentration [mol.m-3]",
        "Initial hysteresis state: Positive electrode",
        "Initial hysteresis state: Negative electrode",
    ];

    public static readonly string[] ThermalState = ["Ambient temperature [K]", "Heat transfer coefficient [W.m-2.K-1]"];

    /// <summary>The layers PyBaMM gives the cell's lumped thermal properties to.</summary>
    public static readonly string[] ThermalLayers =
        ["Negative electrode", "Positive electrode", "Separator", "Negative current collector", "Positive current collector"];
}
