namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// Discretisation of the reduced model. The defaults are the measured compromise of controller/Twin/README.md:
/// a reduced pseudo-two-dimensional negative electrode (a few x-volumes, each with its own particle) and one
/// particle for the positive electrode, the electrolyte on a coarse x-mesh.
/// </summary>
public sealed record ReducedModelOptions
{
    /// <summary>x-volumes of the negative electrode, each with its own particle (1 = a single-particle negative, SPMe-like).</summary>
    public int NegativeVolumes { get; init; } = 5;

    /// <summary>Electrolyte volumes in the separator.</summary>
    public int SeparatorVolumes { get; init; } = 2;

    /// <summary>Electrolyte volumes in the positive electrode (its reaction is uniform: one particle).</summary>
    public int PositiveVolumes { get; init; } = 3;

    /// <summary>Uniform spherical shells of each negative particle (finite volumes, the plant's scheme).</summary>
    public int NegativeShells { get; init; } = 10;

    /// <summary>Uniform spherical shells of the positive particle.</summary>
    public int PositiveShells { get; init; } = 10;

    /// <summary>
    /// Share of the heat capacity in the surface node when the cell file gives an internal thermal resistance
    /// (the can and the outer windings); unused in the lumped limit.
    /// </summary>
    public double SurfaceHeatCapacityFraction { get; init; } = 0.1;

    public void Validate()
    {
        if (NegativeVolumes < 1 || SeparatorVolumes < 1 || PositiveVolumes < 1 || NegativeShells < 3 || PositiveShells < 3)
        {
            throw new ArgumentException("the reduced model needs ≥ 1 x-volume per region and ≥ 3 shells per particle");
        }

        if (!(SurfaceHeatCapacityFraction > 0 && SurfaceHeatCapacityFraction < 1))
        {
            throw new ArgumentException("the surface node's share of the heat capacity must lie in (0, 1)");
        }
    }
}
