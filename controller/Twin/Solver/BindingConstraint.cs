namespace ChargeTwin.Controller.Twin.Solver;

/// <summary>What limited the admissible current.</summary>
public enum BindingConstraint
{
    /// <summary>The current limit (the charger's, or the configured maximum).</summary>
    CurrentLimit,

    /// <summary>The ramp limit on increases.</summary>
    Ramp,

    /// <summary>Plating overpotential − k·σ ≥ η_min.</summary>
    Plating,

    /// <summary>Core temperature + k·σ ≤ T_max.</summary>
    Temperature,

    /// <summary>Terminal voltage + k·σ ≤ V_max.</summary>
    Voltage,

    /// <summary>Electrolyte concentration ≥ its floor anywhere: a depleted electrolyte is where plating starts and where the reduced model stops being valid.</summary>
    Electrolyte,
}
