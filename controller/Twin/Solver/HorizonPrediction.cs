namespace ChargeTwin.Controller.Twin.Solver;

/// <summary>The worst values over a horizon at one candidate current, each with its predicted σ.</summary>
public struct HorizonPrediction
{
    /// <summary>Lowest plating overpotential at the negative/separator interface [V].</summary>
    public double MinPlatingOverpotential_V;
    public double PlatingOverpotentialSigma_V;

    /// <summary>Highest core temperature [K].</summary>
    public double MaxCoreTemperature_K;
    public double CoreTemperatureSigma_K;

    /// <summary>Highest terminal voltage [V].</summary>
    public double MaxVoltage_V;
    public double VoltageSigma_V;

    /// <summary>Lowest electrolyte concentration anywhere, as a fraction of its value at rest (a validity and depletion limit).</summary>
    public double MinElectrolyteFraction;
}
