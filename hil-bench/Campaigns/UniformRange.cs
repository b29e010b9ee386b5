namespace ChargeTwin.HilBench.Campaigns;

/// <summary>A uniform distribution on [<see cref="Min"/>, <see cref="Max"/>] (base units); Min = Max is a fixed value.</summary>
public sealed record UniformRange(double Min, double Max)
{
    public static UniformRange Zero { get; } = new(0, 0);

    public double Draw(BenchRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Min + (Max - Min) * random.NextUniform();
    }

    public string Canonical() => System.FormattableString.Invariant($"[{Min:R},{Max:R}]");
}
