namespace ChargeTwin.Controller.Twin.Solver;

/// <summary>
/// The safe envelope the solver keeps with k·σ margins, its current range and ramp, and how finely it searches.
/// </summary>
/// <param name="K">Margin in standard deviations of each prediction.</param>
/// <param name="MinPlatingOverpotential_V">η_min: the plating overpotential's lower bound.</param>
/// <param name="MaxCoreTemperature_K">T_max.</param>
/// <param name="MaxVoltage_V">V_max.</param>
/// <param name="MaxCurrent_A">I_max (≥ 0).</param>
/// <param name="RampRate_APerS">Largest increase of the current per second (decreases are never limited).</param>
/// <param name="Resolution_A">The search stops when the bracket is narrower; the answer errs low by less.</param>
/// <param name="MaxEvaluations">Horizon predictions per decision, at most.</param>
public sealed record SolverLimits(
    double K,
    double MinPlatingOverpotential_V,
    double MaxCoreTemperature_K,
    double MaxVoltage_V,
    double MaxCurrent_A,
    double RampRate_APerS,
    double Resolution_A,
    int MaxEvaluations)
{
    /// <summary>Lowest admissible electrolyte concentration, as a fraction of its value at rest.</summary>
    public double MinElectrolyteFraction { get; init; } = 0.1;

    public void Validate()
    {
        static void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new ArgumentException(what);
            }
        }

        Require(double.IsFinite(K) && K >= 0, "k must be a finite value ≥ 0");
        Require(double.IsFinite(MinPlatingOverpotential_V), "η_min must be finite");
        Require(double.IsFinite(MaxCoreTemperature_K) && MaxCoreTemperature_K > 0, "T_max must be a finite temperature above 0 K");
        Require(double.IsFinite(MaxVoltage_V) && MaxVoltage_V > 0, "V_max must be finite and positive");
        Require(double.IsFinite(MaxCurrent_A) && MaxCurrent_A >= 0, "I_max must be finite and ≥ 0");
        Require(RampRate_APerS > 0, "the ramp rate must be positive");
        Require(double.IsFinite(Resolution_A) && Resolution_A > 0, "the resolution must be finite and positive");
        Require(MaxEvaluations >= 2, "the solver needs at least 2 evaluations per decision");
    }
}
