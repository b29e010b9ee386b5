namespace ChargeTwin.Controller.Twin.Model;

public sealed partial class ReducedCellModel
{
    /// <summary>Lithium in the particles per electrode area [mol/m²] (x̄_n Q_n + ȳ_p Q_p with the state's capacities).</summary>
    public double LithiumInventory_molPerM2(ReadOnlySpan<double> state) => Read(state, out _, out _);

    /// <summary>
    /// The stoichiometry windows of the state's electrode capacities (active-scale parameters) and lithium inventory,
    /// at the reference temperature: linear prediction from the nominal windows polished by two Newton steps
    /// (<see cref="WindowSolver"/>); allocation-free.
    /// </summary>
    public ElectrodeWindows Windows(ReadOnlySpan<double> state)
    {
        var inventory = Read(state, out var ap, out _);
        return Parameters.WindowSolver.Solve(ap.NegativeSites_molPerM2, ap.PositiveSites_molPerM2, inventory);
    }

    /// <summary>SOC in the plant's sense, (x̄_n − x₀)/(x₁₀₀ − x₀) with <see cref="Windows"/>; allocation-free.</summary>
    public double StateOfCharge(ReadOnlySpan<double> state) => Windows(state).StateOfCharge(NegativeMeanStoichiometry(state));

    /// <summary>The health vector the filter reports: LLI, LAM_n, LAM_p, resistance growth and the capacity they leave.</summary>
    public TwinHealth Health(ReadOnlySpan<double> state)
    {
        var inventory = Read(state, out var ap, out _);
        var windows = Parameters.WindowSolver.Solve(ap.NegativeSites_molPerM2, ap.PositiveSites_molPerM2, inventory);
        var capacity = (windows.X100 - windows.X0) * ap.NegativeSites_molPerM2 * PhysicalConstants.Faraday * Parameters.ElectrodeArea_m2 / 3600.0;
        return new TwinHealth(
            1 - (inventory / Parameters.NominalInventory_molPerM2),
            1 - Math.Exp(state[Layout.LnNegativeActiveScale]),
            1 - Math.Exp(state[Layout.LnPositiveActiveScale]),
            state[Layout.SeriesResistanceOffset_Ohm],
            capacity);
    }

    /// <summary>The state's applied parameters, negative mean stoichiometry and particle lithium [mol/m²].</summary>
    private double Read(ReadOnlySpan<double> state, out AppliedParameters ap, out double negativeMean)
    {
        CheckLength(state.Length, nameof(state));
        ap = new AppliedParameters(Parameters, Layout, state);
        negativeMean = NegativeMeanStoichiometry(state);
        return Inventory(ap, negativeMean, PositiveMean(state));
    }

    private static double Inventory(in AppliedParameters ap, double negativeMean, double positiveMean) =>
        (negativeMean * ap.NegativeSites_molPerM2) + (positiveMean * ap.PositiveSites_molPerM2);

    private double StateOfCharge(in AppliedParameters ap, double negativeMean, double positiveMean)
    {
        var inventory = Inventory(ap, negativeMean, positiveMean);
        return Parameters.WindowSolver.Solve(ap.NegativeSites_molPerM2, ap.PositiveSites_molPerM2, inventory).StateOfCharge(negativeMean);
    }

    private double PositiveMean(ReadOnlySpan<double> state) =>
        _positiveParticle.Mean(state.Slice(Layout.PositiveParticleStart, Layout.PositiveShells));
}
