namespace ChargeTwin.Cells.Tests;

/// <summary>What the DFN plant reads from every cell, whatever its source.</summary>
internal static class DfnParameterNames
{
    public static readonly string[] Scalars =
    [
        "Negative current collector thickness [m]",
        "Negative electrode thickness [m]",
        "Separator thickness [m]",
        "Positive electrode thickness [m]",
        "Positive current collector thickness [m]",
        "Negative electrode porosity",
        "Separator porosity",
        "Positive electrode porosity",
        "Negative electrode active material volume fraction",
        "Positive electrode active material volume fraction",
        "Negative particle radius [m]",
        "Positive particle radius [m]",
        "Maximum concentration in negative electrode [mol.m-3]",
        "Maximum concentration in positive electrode [mol.m-3]",
        "Initial concentration in negative electrode [mol.m-3]",
        "Initial concentration in positive electrode [mol.m-3]",
        "Initial concentration in electrolyte [mol.m-3]",
        "Negative electrode conductivity [S.m-1]",
        "Positive electrode conductivity [S.m-1]",
        "Negative electrode Bruggeman coefficient (electrolyte)",
        "Separator Bruggeman coefficient (electrolyte)",
        "Positive electrode Bruggeman coefficient (electrolyte)",
        "Negative electrode Bruggeman coefficient (electrode)",
        "Positive electrode Bruggeman coefficient (electrode)",
        "Cation transference number",
        "Negative electrode density [kg.m-3]",
        "Separator density [kg.m-3]",
        "Positive electrode density [kg.m-3]",
        "Negative current collector density [kg.m-3]",
        "Positive current collector density [kg.m-3]",
        "Negative electrode specific heat capacity [J.kg-1.K-1]",
        "Separator specific heat capacity [J.kg-1.K-1]",
        "Positive electrode specific heat capacity [J.kg-1.K-1]",
        "Negative current collector specific heat capacity [J.kg-1.K-1]",
        "Positive current collector specific heat capacity [J.kg-1.K-1]",
        "Total heat transfer coefficient [W.m-2.K-1]",
        "Cell cooling surface area [m2]",
        "Cell volume [m3]",
        "Lower voltage cut-off [V]",
        "Upper voltage cut-off [V]",
        "Nominal cell capacity [A.h]",
        "Electrode height [m]",
        "Electrode width [m]",
        "Number of electrodes connected in parallel to make a cell",
        "Reference temperature [K]",
        "Ambient temperature [K]",
        "Initial temperature [K]",
    ];

    public static readonly string[] Functions =
    [
        "Negative electrode OCP [V]",
        "Positive electrode OCP [V]",
        "Negative electrode OCP entropic change [V.K-1]",
        "Positive electrode OCP entropic change [V.K-1]",
        "Negative particle diffusivity [m2.s-1]",
        "Positive particle diffusivity [m2.s-1]",
        "Negative electrode exchange-current density [A.m-2]",
        "Positive electrode exchange-current density [A.m-2]",
        "Electrolyte diffusivity [m2.s-1]",
        "Electrolyte conductivity [S.m-1]",
        "Thermodynamic factor",
    ];

    public static readonly string[] Plating =
    [
        "Lithium plating kinetic rate constant [m.s-1]",
        "Lithium plating transfer coefficient",
        "Lithium metal partial molar volume [m3.mol-1]",
        "Initial plated lithium concentration [mol.m-3]",
        "Dead lithium decay constant [s-1]",
    ];

    public static readonly string[] Sei =
    [
        "Initial SEI thickness [m]",
        "SEI resistivity [Ohm.m]",
        "SEI partial molar volume [m3.mol-1]",
        "Ratio of lithium moles to SEI moles",
        "SEI kinetic rate constant [m.s-1]",
        "SEI solvent diffusivity [m2.s-1]",
        "Bulk solvent concentration [mol.m-3]",
        "SEI open-circuit potential [V]",
    ];
}
