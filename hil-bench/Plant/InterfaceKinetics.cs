namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// Interfacial reactions of one x-volume and their partial derivatives with respect to the
/// unknowns they depend on. Current densities are per unit particle surface [A/m²], positive
/// when lithium leaves the solid (PyBaMM's sign: anodic positive).
/// </summary>
public struct InterfaceKinetics
{
    // Values.
    public double SurfaceConcentration;
    public double SurfaceStoichiometry;
    public double OpenCircuitPotential_V;
    public double EntropicChange_VPerK;
    public double ExchangeCurrentDensity;

    /// <summary>Main-reaction overpotential η = φ_s − φ_e − U + η_film [V].</summary>
    public double Overpotential_V;

    /// <summary>Film (SEI) overpotential −j̄ L_SEI ρ_SEI [V].</summary>
    public double FilmOverpotential_V;

    /// <summary>Plating overpotential vs Li/Li⁺: η_Li = φ_s − φ_e + η_film [V].</summary>
    public double PlatingOverpotential_V;

    /// <summary>Intercalation current density j [A/m²].</summary>
    public double Intercalation;

    /// <summary>Net stripping current density (negative while plating) [A/m²].</summary>
    public double Stripping;

    /// <summary>SEI-formation current density (≤ 0) [A/m²].</summary>
    public double Sei;

    public readonly double Total => Intercalation + Stripping + Sei;

    // ∂U/∂c_s,surf (with the entropic term), ∂(dU/dT)/∂c_s,surf, and ∂η_film/∂(L_SEI, I).
    public double U_cs, DUdT_cs, Film_L, Film_I;

    // ∂j/∂(c_{N−1}, c_{N−2}, c_e, φ_s, φ_e, T, L_SEI, I).
    public double J_cLast, J_cPrev, J_ce, J_phis, J_phie, J_T, J_L, J_I;

    // ∂j_strip/∂(c_plated, c_e, φ_s, φ_e, T, L_SEI, I).
    public double S_cpl, S_ce, S_phis, S_phie, S_T, S_L, S_I;

    // ∂j_SEI/∂(L_SEI, T, φ_s, φ_e, I).
    public double E_L, E_T, E_phis, E_phie, E_I;

    public readonly double Tot_cLast => J_cLast;
    public readonly double Tot_cPrev => J_cPrev;
    public readonly double Tot_cpl => S_cpl;
    public readonly double Tot_ce => J_ce + S_ce;
    public readonly double Tot_phis => J_phis + S_phis + E_phis;
    public readonly double Tot_phie => J_phie + S_phie + E_phie;
    public readonly double Tot_T => J_T + S_T + E_T;
    public readonly double Tot_L => J_L + S_L + E_L;
    public readonly double Tot_I => J_I + S_I + E_I;
}
