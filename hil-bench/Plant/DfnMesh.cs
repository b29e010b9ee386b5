namespace ChargeTwin.HilBench.Plant;

/// <summary>Region of the through-cell coordinate x.</summary>
public enum CellRegion : byte
{
    Negative,
    Separator,
    Positive,
}

/// <summary>
/// Finite-volume mesh: uniform volumes in each of negative electrode, separator and positive
/// electrode along x, and uniform spherical shells in each electrode's particles (PyBaMM's default mesh).
/// </summary>
public sealed class DfnMesh
{
    public DfnMesh(DfnParameters p, ModelOptions o)
    {
        NegativeVolumes = o.NegativeVolumes;
        SeparatorVolumes = o.SeparatorVolumes;
        PositiveVolumes = o.PositiveVolumes;
        Volumes = NegativeVolumes + SeparatorVolumes + PositiveVolumes;
        Width_m = new double[Volumes];
        Center_m = new double[Volumes];
        Region = new CellRegion[Volumes];
        Porosity = new double[Volumes];
        TransportEfficiency = new double[Volumes];
        SurfaceAreaDensity_perM = new double[Volumes];
        var x = 0.0;
        for (var m = 0; m < Volumes; m++)
        {
            var (region, width, eps, tor, a) = m < NegativeVolumes
                ? (CellRegion.Negative, p.Negative.Thickness_m / NegativeVolumes, p.Negative.Porosity, p.Negative.TransportEfficiency, p.Negative.SurfaceAreaDensity_perM)
                : m < NegativeVolumes + SeparatorVolumes
                    ? (CellRegion.Separator, p.SeparatorThickness_m / SeparatorVolumes, p.SeparatorPorosity, Math.Pow(p.SeparatorPorosity, p.SeparatorBruggeman), 0.0)
                    : (CellRegion.Positive, p.Positive.Thickness_m / PositiveVolumes, p.Positive.Porosity, p.Positive.TransportEfficiency, p.Positive.SurfaceAreaDensity_perM);
            Region[m] = region;
            Width_m[m] = width;
            Center_m[m] = x + width / 2;
            Porosity[m] = eps;
            TransportEfficiency[m] = tor;
            SurfaceAreaDensity_perM[m] = a;
            x += width;
        }

        Length_m = x;
        NegativeParticle = new ParticleMesh(p.Negative.ParticleRadius_m, o.NegativeShells);
        PositiveParticle = new ParticleMesh(p.Positive.ParticleRadius_m, o.PositiveShells);
    }

    public int NegativeVolumes { get; }
    public int SeparatorVolumes { get; }
    public int PositiveVolumes { get; }

    /// <summary>Number of finite volumes along x.</summary>
    public int Volumes { get; }

    /// <summary>Index of the first positive-electrode volume.</summary>
    public int FirstPositive => NegativeVolumes + SeparatorVolumes;

    public double Length_m { get; }
    public double[] Width_m { get; }
    public double[] Center_m { get; }
    public CellRegion[] Region { get; }
    public double[] Porosity { get; }

    /// <summary>Electrolyte transport efficiency ε^b per volume.</summary>
    public double[] TransportEfficiency { get; }

    /// <summary>Specific interfacial area a [1/m] per volume (0 in the separator).</summary>
    public double[] SurfaceAreaDensity_perM { get; }

    public ParticleMesh NegativeParticle { get; }
    public ParticleMesh PositiveParticle { get; }

    public ParticleMesh Particle(int volume) => Region[volume] == CellRegion.Negative ? NegativeParticle : PositiveParticle;
}

/// <summary>Uniform spherical shells of a particle of radius R: edges r_k = k R/N.</summary>
public sealed class ParticleMesh
{
    public ParticleMesh(double radius_m, int shells)
    {
        Radius_m = radius_m;
        Shells = shells;
        Spacing_m = radius_m / shells;
        EdgeAreaFactor = new double[shells + 1];
        ShellVolumeFactor = new double[shells];
        for (var k = 0; k <= shells; k++)
        {
            var r = k * Spacing_m;
            EdgeAreaFactor[k] = r * r;
        }

        for (var k = 0; k < shells; k++)
        {
            var r0 = k * Spacing_m;
            var r1 = (k + 1) * Spacing_m;
            ShellVolumeFactor[k] = (r1 * r1 * r1 - r0 * r0 * r0) / 3.0;
        }
    }

    public double Radius_m { get; }
    public int Shells { get; }
    public double Spacing_m { get; }

    /// <summary>r² at each shell edge (k = 0 centre … N surface) [m²].</summary>
    public double[] EdgeAreaFactor { get; }

    /// <summary>(r_{k+1}³ − r_k³)/3 of each shell [m³]; the particle's volume factor is R³/3.</summary>
    public double[] ShellVolumeFactor { get; }

    /// <summary>R³/3 [m³].</summary>
    public double VolumeFactor => Radius_m * Radius_m * Radius_m / 3.0;
}
