namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Where a spread campaign's plant parameters come from.</summary>
public enum CellParameterDraw
{
    /// <summary>The cell file's values.</summary>
    None,

    /// <summary>N(û, Σ) of the cell file's <c>uncertainty:</c> section, in its fit coordinates.</summary>
    Covariance,
}

/// <summary>Uniform ranges of the four degradation modes of <see cref="Plant.AgeingState"/> (fractions, Ω).</summary>
public sealed record AgeingRanges(UniformRange LithiumInventoryLoss, UniformRange NegativeActiveMaterialLoss, UniformRange PositiveActiveMaterialLoss, UniformRange ResistanceGrowth_Ohm)
{
    public static AgeingRanges Fresh { get; } = new(UniformRange.Zero, UniformRange.Zero, UniformRange.Zero, UniformRange.Zero);
}

/// <summary>
/// A campaign's <c>spread:</c> section: <see cref="Draws"/> conditions, each drawn from the campaign seed and its
/// index — the cell's parameters, ageing, ambient, start SOC and the sensors' biases. A quantity that is not drawn
/// (null) comes from the file's matrix axis as usual. Format: hil-bench/campaign-files/README.md.
/// </summary>
public sealed record SpreadSpec(int Draws)
{
    public CellParameterDraw CellParameters { get; init; } = CellParameterDraw.None;
    public AgeingRanges? Ageing { get; init; }
    public UniformRange? Ambient_K { get; init; }
    public UniformRange? StartSoc { get; init; }

    /// <summary>Each channel's bias drawn from N(0, the configured bias) per draw, instead of the fixed bias.</summary>
    public bool DrawSensorBias { get; init; }
}
