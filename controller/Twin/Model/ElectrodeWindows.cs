namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// The electrodes' stoichiometry ranges between the voltage cut-offs (PyBaMM's electrode state-of-health
/// algorithm, as the plant's StoichiometryWindows): x negative, y positive; SOC 0 at (x₀, y₀) where the OCV at the
/// reference temperature is the lower cut-off, SOC 1 at (x₁₀₀, y₁₀₀).
/// </summary>
public readonly record struct ElectrodeWindows(double X0, double X100, double Y0, double Y100)
{
    public double NegativeStoichiometry(double stateOfCharge) => X0 + (stateOfCharge * (X100 - X0));

    public double PositiveStoichiometry(double stateOfCharge) => Y0 + (stateOfCharge * (Y100 - Y0));

    /// <summary>SOC (x̄ − x₀)/(x₁₀₀ − x₀) of a particle-averaged negative stoichiometry.</summary>
    public double StateOfCharge(double negativeMeanStoichiometry) => (negativeMeanStoichiometry - X0) / (X100 - X0);
}
