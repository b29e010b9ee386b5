namespace ChargeTwin.HilBench.Calibration;

/// <summary>The default fitted set: what a cell engineer usually fits to rate tests at two temperatures.</summary>
public static class CalibrationDefaults
{
    /// <summary>
    /// Capacity and balancing (both active-material fractions and the lithium inventory through the negative
    /// electrode's initial concentration), the contact resistance, the cell's heat capacity and heat-transfer
    /// coefficient, and for both electrodes the reference values and activation energies of the particle
    /// diffusivity and the exchange-current density (the two temperatures separate a reference value from its
    /// activation energy).
    /// </summary>
    public static IReadOnlyList<string> Parameters { get; } =
    [
        "Negative electrode active material volume fraction",
        "Positive electrode active material volume fraction",
        "Initial concentration in negative electrode [mol.m-3]",
        "Contact resistance [Ohm]",
        CalibrationParameter.CellHeatCapacity,
        "Total heat transfer coefficient [W.m-2.K-1]",
        "Negative particle diffusivity reference value [m2.s-1]",
        "Positive particle diffusivity reference value [m2.s-1]",
        "Negative electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]",
        "Positive electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]",
        "Negative particle diffusivity activation energy [J.mol-1]",
        "Positive particle diffusivity activation energy [J.mol-1]",
        "Negative electrode reaction rate constant activation energy [J.mol-1]",
        "Positive electrode reaction rate constant activation energy [J.mol-1]",
    ];

    /// <summary>Short labels for progress lines and figures.</summary>
    public static string ShortName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "Negative electrode active material volume fraction" => "eps_n",
            "Positive electrode active material volume fraction" => "eps_p",
            "Initial concentration in negative electrode [mol.m-3]" => "c_n0",
            "Initial concentration in positive electrode [mol.m-3]" => "c_p0",
            "Contact resistance [Ohm]" => "R_c",
            CalibrationParameter.CellHeatCapacity => "C_th",
            "Total heat transfer coefficient [W.m-2.K-1]" => "h",
            "Negative particle diffusivity reference value [m2.s-1]" => "D_n",
            "Positive particle diffusivity reference value [m2.s-1]" => "D_p",
            "Negative electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]" => "k_n",
            "Positive electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]" => "k_p",
            "Negative particle diffusivity activation energy [J.mol-1]" => "E_Dn",
            "Positive particle diffusivity activation energy [J.mol-1]" => "E_Dp",
            "Negative electrode reaction rate constant activation energy [J.mol-1]" => "E_kn",
            "Positive electrode reaction rate constant activation energy [J.mol-1]" => "E_kp",
            "Negative electrode OCP entropic change scale" => "dUdT_n",
            "Electrolyte diffusivity activation energy [J.mol-1]" => "E_De",
            "Electrolyte conductivity activation energy [J.mol-1]" => "E_ke",
            _ => name.Length > 24 ? name[..24] : name,
        };
    }
}
