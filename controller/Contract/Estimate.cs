namespace ChargeTwin.Controller.Contract;

/// <summary>A controller's estimate of a hidden quantity, with its standard deviation.</summary>
public readonly record struct Estimate(double Mean, double Sigma)
{
    public static Estimate None { get; } = new(double.NaN, double.NaN);

    public bool HasValue => !double.IsNaN(Mean);
}
