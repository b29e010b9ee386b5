namespace ChargeTwin.Controller.Twin.Model;

/// <summary>The interface of one electrode x-volume (or of the positive electrode's single particle) during one call.</summary>
internal struct VolumeKinetics
{
    /// <summary>Surface stoichiometry at the start of the step.</summary>
    public double Surface;

    /// <summary>∂x_surf,end/∂j over the step (implicit Euler's response; 0 in an output evaluation) [m²/A].</summary>
    public double Response;

    /// <summary>U(x_surf, T) [V].</summary>
    public double OpenCircuitPotential_V;

    /// <summary>∂U/∂T [V/K].</summary>
    public double EntropicChange_VPerK;

    /// <summary>j₀ [A/m²] with the kinetic scale.</summary>
    public double ExchangeCurrentDensity;

    /// <summary>(∂U/∂x)·(∂x_surf/∂j) ≥ 0: the surface's own response to the flux over the step, as a resistance [Ω m²].</summary>
    public double ResponseResistance;

    /// <summary>Intercalation current density j [A/m²], positive when lithium leaves the particle.</summary>
    public double Current;

    /// <summary>η = φ_s − φ_e − U − j R_film − j R_response [V].</summary>
    public double Overpotential_V;

    /// <summary>φ_s − φ_e at the volume's centre [V].</summary>
    public double PotentialDifference_V;
}
