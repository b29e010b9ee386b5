namespace ChargeTwin.HilBench.Plant;

/// <summary>How the cell's temperature is modelled.</summary>
public enum ThermalModel
{
    /// <summary>Temperature held at ambient.</summary>
    Isothermal,

    /// <summary>One lumped temperature: ρc_p dT/dt = Q − hA(T − T_amb) (PyBaMM's "lumped").</summary>
    Lumped,
}

/// <summary>Lithium plating kinetics in the negative electrode (O'Kane et al. 2020/2022).</summary>
public enum PlatingModel
{
    None,
    Reversible,
    Irreversible,
    PartiallyReversible,
}

/// <summary>SEI growth mechanism in the negative electrode.</summary>
public enum SeiModel
{
    None,
    SolventDiffusionLimited,
    ReactionLimited,
}

/// <summary>Model options and mesh; the defaults are PyBaMM's DFN defaults (20 volumes per domain and particle).</summary>
public sealed record ModelOptions
{
    public ThermalModel Thermal { get; init; } = ThermalModel.Lumped;
    public PlatingModel Plating { get; init; } = PlatingModel.PartiallyReversible;
    public SeiModel Sei { get; init; } = SeiModel.SolventDiffusionLimited;
    public int NegativeVolumes { get; init; } = 20;
    public int SeparatorVolumes { get; init; } = 20;
    public int PositiveVolumes { get; init; } = 20;
    public int NegativeShells { get; init; } = 20;
    public int PositiveShells { get; init; } = 20;

    /// <summary>
    /// The plant can carry an internal short (an injected fault): it then has one more unknown, the short's current,
    /// which is 0 until <see cref="DfnModel.SetFaults"/> gives the short a conductance. Off, the state vector is as before.
    /// </summary>
    public bool InternalShort { get; init; }

    /// <summary>Stiffness of the bench fixture that clamps the cell [N/m]: ΔP = k Δthickness / A.</summary>
    public double FixtureStiffness_NPerM { get; init; } = 2e7;

    /// <summary>Area of the fixture's pressure plate on the cell [m²].</summary>
    public double FixtureArea_m2 { get; init; } = 0.01;

    /// <summary>Stack pressure with the cell at its initial state [Pa].</summary>
    public double FixturePreload_Pa { get; init; } = 1e5;

    public void Validate()
    {
        if (NegativeVolumes < 2 || SeparatorVolumes < 1 || PositiveVolumes < 2 || NegativeShells < 3 || PositiveShells < 3)
        {
            throw new ArgumentException("mesh needs ≥ 2 volumes per electrode, ≥ 1 in the separator and ≥ 3 shells per particle");
        }

        if (!(FixtureStiffness_NPerM >= 0) || !(FixtureArea_m2 > 0))
        {
            throw new ArgumentException("fixture stiffness must be ≥ 0 N/m and its plate area > 0 m²");
        }
    }
}
