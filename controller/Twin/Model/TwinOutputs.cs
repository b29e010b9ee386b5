namespace ChargeTwin.Controller.Twin.Model;

/// <summary>The twin's algebraic outputs at one state and current (<see cref="ReducedCellModel.Evaluate"/>).</summary>
public struct TwinOutputs
{
    /// <summary>Terminal voltage [V] with the instantaneous overpotentials and the series resistance.</summary>
    public double Voltage_V;

    public double CoreTemperature_K;
    public double SurfaceTemperature_K;

    /// <summary>Cell thickness change from the cell file's initial stoichiometries and the reference temperature [m].</summary>
    public double ThicknessChange_m;

    /// <summary>η_Li = φ_s − φ_e − film drop at the negative-electrode/separator interface [V]; plating when below 0.</summary>
    public double PlatingOverpotential_V;

    /// <summary>Negative surface stoichiometry at the separator interface (extrapolated from the last x-volumes).</summary>
    public double NegativeSurfaceStoichiometry;

    public double PositiveSurfaceStoichiometry;
    public double NegativeMeanStoichiometry;
    public double PositiveMeanStoichiometry;

    /// <summary>SOC in the plant's sense, (x̄_n − x₀)/(x₁₀₀ − x₀) with the windows of the state's capacities and inventory.</summary>
    public double StateOfCharge;

    /// <summary>Heat generated in the cell [W] (ohmic, reaction, reversible, contact).</summary>
    public double HeatGeneration_W;

    /// <summary>
    /// Lowest electrolyte concentration of the x-volumes [mol/m³]. Below about 10 % of the initial concentration the
    /// cell is diffusion-limited and the twin is less accurate (34 mV, 25 mV in η_Li RMS at 2C and 0 °C against 1–10 mV
    /// elsewhere; controller/Twin/README.md): a constraint for the admissible-current solver and a validity flag for the estimator.
    /// </summary>
    public double MinimumElectrolyteConcentration_molPerM3;
}
