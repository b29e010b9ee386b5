namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// How a detector turns a measured and an expected slope over charge into evidence: the regression window, how
/// often the CUSUM takes a residual, and Page's drift and threshold (in units of the residual's σ). The defaults
/// and how they were chosen: controller/Twin/Detection/README.md.
/// </summary>
public sealed record ResidualCusumOptions
{
    /// <summary>Charge the slope is fitted over [A h] (0.25 A h = 5 % SOC of a 5 A h cell).</summary>
    public double Window_Ah { get; init; } = 0.25;

    /// <summary>Ring-buffer size: the most samples a window holds (at low current the window is cut here).</summary>
    public int MaxWindowSamples { get; init; } = 3600;

    /// <summary>No residual until the window spans this fraction of <see cref="Window_Ah"/>.</summary>
    public double MinimumWindowFraction { get; init; } = 0.8;

    /// <summary>
    /// The CUSUM takes a residual each time the charge has advanced this much [A h]: residuals of overlapping windows
    /// are strongly correlated, and a stride in charge makes the false-alarm rate per A h independent of the current.
    /// </summary>
    public double CusumStride_Ah { get; init; } = 0.125;

    /// <summary>Page's reference value k [σ]: half the shift detected fastest.</summary>
    public double CusumDrift { get; init; } = 0.5;

    /// <summary>Page's decision interval h [σ].</summary>
    public double CusumThreshold { get; init; } = 8;

    /// <summary>Added in quadrature to the slope's standard error (slope units: Pa/(A h) or V/(A h)).</summary>
    public double ResidualSigmaFloor { get; init; }

    public void Validate()
    {
        if (!(Window_Ah > 0) || MaxWindowSamples < 3 || !(MinimumWindowFraction > 0 && MinimumWindowFraction <= 1) || !(CusumStride_Ah > 0)
            || !(CusumDrift >= 0) || !(CusumThreshold > 0) || !(ResidualSigmaFloor >= 0))
        {
            throw new ArgumentException("residual CUSUM options: window and stride > 0 A h, ≥ 3 samples, window fraction in (0, 1], drift ≥ 0, threshold > 0, floor ≥ 0");
        }
    }
}
