namespace ChargeTwin.HilBench.Calibration;

/// <summary>How a measured test is cut into the replayed current and the comparison points.</summary>
public sealed record ReplayOptions
{
    /// <summary>Currents with |I| at or below this are rest [A].</summary>
    public double RestThreshold_A { get; init; } = 0.05;

    /// <summary>Also replay the CC-CV charge and the rest after it (default: the discharge and the rest after it).</summary>
    public bool IncludeCharge { get; init; }

    /// <summary>At most this many comparison points in a discharge or a charge (nearest measured samples to evenly spaced times).</summary>
    public int PointsPerDischarge { get; init; } = 120;

    /// <summary>At most this many comparison points in a rest (nearest measured samples to geometrically spaced times).</summary>
    public int PointsPerRest { get; init; } = 40;

    /// <summary>
    /// Measured samples this close after a current step (or before one, at the end of a rest) are not compared [s]:
    /// cyclers log the step instant with the other step's voltage, and the replay ramps the current over
    /// <see cref="CurrentSlew_APerS"/>.
    /// </summary>
    public double SkipAfterStep_s { get; init; } = 1.0;

    /// <summary>A new constant piece of current starts when the recorded current leaves the piece's mean by more than this fraction.</summary>
    public double CurrentRelativeTolerance { get; init; } = 0.01;

    /// <summary>… or by more than this [A].</summary>
    public double CurrentAbsoluteTolerance_A { get; init; } = 0.01;

    /// <summary>Slew rate of the replayed current between pieces [A/s] (a cycler's step takes milliseconds).</summary>
    public double CurrentSlew_APerS { get; init; } = 100.0;

    /// <summary>
    /// If the rest voltage before the discharge lies more than this below the rest voltage at the end of the file
    /// (which follows a full CC-CV charge too), the first sample is taken as mislabelled and the end-of-file rest
    /// voltage is used instead [V]. (LG M50 45 °C 1.5C: the first row reads 4.054 V at "0 A".)
    /// </summary>
    public double InitialVoltagePlausibility_V { get; init; } = 0.05;

    /// <summary>Nominal capacity used to name the C-rate of a test [A h].</summary>
    public double NominalCapacity_Ah { get; init; } = 5.0;

    public void Validate()
    {
        if (!(RestThreshold_A > 0) || PointsPerDischarge < 2 || PointsPerRest < 1 || !(SkipAfterStep_s >= 0)
            || !(CurrentRelativeTolerance > 0) || !(CurrentAbsoluteTolerance_A > 0) || !(CurrentSlew_APerS > 0) || !(NominalCapacity_Ah > 0))
        {
            throw new ArgumentException("replay options: thresholds, tolerances, slew and capacity must be positive; at least 2 points per discharge and 1 per rest");
        }
    }
}
