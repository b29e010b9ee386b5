namespace ChargeTwin.Controller.Safety;

/// <summary>A state-of-safety input's score: 0 up to <paramref name="From"/>, rising linearly to 1 at <paramref name="To"/>.</summary>
public readonly record struct ScoreRamp(double From, double To)
{
    /// <summary>The score in [0, 1]; 0 for a value not available (NaN).</summary>
    public double Score(double value) => double.IsNaN(value) ? 0 : Math.Clamp((value - From) / (To - From), 0, 1);
}
