namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>Options of the voltage (dV/dQ) plating detector; defaults and their reasons in README.md here.</summary>
public sealed record VoltageDetectorOptions
{
    public ResidualCusumOptions Residual { get; init; } = new();

    /// <summary>The CUSUM runs only while the measured current is at least this [A] (charging).</summary>
    public double MinimumCurrent_A { get; init; } = 0.1;

    public void Validate()
    {
        Residual.Validate();
        if (!(MinimumCurrent_A >= 0))
        {
            throw new ArgumentException("voltage detector options: minimum current ≥ 0 A");
        }
    }
}
