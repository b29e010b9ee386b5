namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// Uniform finite-volume shells of a spherical particle of radius R (the plant's particle scheme): edges r_k = k R/N,
/// the surface value extrapolated linearly from the last two shells, 1.5 c_{N−1} − 0.5 c_{N−2} (PyBaMM's default).
/// </summary>
internal sealed class ParticleShells
{
    public ParticleShells(double radius_m, int shells)
    {
        Radius_m = radius_m;
        Count = shells;
        Spacing_m = radius_m / shells;
        EdgeArea = new double[shells + 1];
        Volume = new double[shells];
        for (var k = 0; k <= shells; k++)
        {
            var r = k * Spacing_m;
            EdgeArea[k] = r * r;
        }

        for (var k = 0; k < shells; k++)
        {
            var r0 = k * Spacing_m;
            var r1 = r0 + Spacing_m;
            Volume[k] = ((r1 * r1 * r1) - (r0 * r0 * r0)) / 3.0;
        }

        TotalVolume = radius_m * radius_m * radius_m / 3.0;
    }

    public double Radius_m { get; }
    public int Count { get; }
    public double Spacing_m { get; }

    /// <summary>r² at each edge, centre (0) to surface (N) [m²].</summary>
    public double[] EdgeArea { get; }

    /// <summary>(r_{k+1}³ − r_k³)/3 of each shell [m³].</summary>
    public double[] Volume { get; }

    /// <summary>R³/3 [m³].</summary>
    public double TotalVolume { get; }

    /// <summary>Surface value extrapolated from the last two shells.</summary>
    public double Surface(ReadOnlySpan<double> shells) => (1.5 * shells[Count - 1]) - (0.5 * shells[Count - 2]);

    /// <summary>Volume average of the shells.</summary>
    public double Mean(ReadOnlySpan<double> shells)
    {
        var sum = 0.0;
        for (var k = 0; k < Count; k++)
        {
            sum += Volume[k] * shells[k];
        }

        return sum / TotalVolume;
    }
}
