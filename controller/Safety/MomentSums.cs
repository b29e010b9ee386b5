namespace ChargeTwin.Controller.Safety;

/// <summary>
/// Count, means and centred second moments of (t, y) samples, updated one sample at a time (Welford) and merged
/// exactly (Chan et al.), so that a window's mean, scatter, least-squares slope and residual scatter come without
/// the cancellation of raw sums.
/// </summary>
internal struct MomentSums
{
    public int Count;
    public double MeanT;
    public double MeanY;
    public double Ctt;
    public double Cty;
    public double Cyy;

    public void Add(double t, double y)
    {
        Count++;
        var dt = t - MeanT;
        var dy = y - MeanY;
        MeanT += dt / Count;
        MeanY += dy / Count;
        Ctt += dt * (t - MeanT);
        Cty += dt * (y - MeanY);
        Cyy += dy * (y - MeanY);
    }

    public void Merge(in MomentSums other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        var n = Count + other.Count;
        var dt = other.MeanT - MeanT;
        var dy = other.MeanY - MeanY;
        var w = (double)Count * other.Count / n;
        MeanT += dt * other.Count / n;
        MeanY += dy * other.Count / n;
        Ctt += other.Ctt + dt * dt * w;
        Cty += other.Cty + dt * dy * w;
        Cyy += other.Cyy + dy * dy * w;
        Count = n;
    }

    /// <summary>Sample standard deviation of y.</summary>
    public readonly double ScatterY => Count > 1 ? Math.Sqrt(Math.Max(Cyy, 0) / (Count - 1)) : double.NaN;

    /// <summary>Least-squares slope dy/dt.</summary>
    public readonly double Slope => Count > 2 && Ctt > 0 ? Cty / Ctt : double.NaN;

    /// <summary>Standard deviation of y about its least-squares line.</summary>
    public readonly double ResidualScatter => Count > 2 && Ctt > 0 ? Math.Sqrt(Math.Max(Cyy - Cty * Cty / Ctt, 0) / (Count - 2)) : double.NaN;
}
