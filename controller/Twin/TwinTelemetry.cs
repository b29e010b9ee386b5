using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin.Solver;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// What the twin believes and decided in the last period, every hidden quantity with its σ — for the trace, the
/// report and telemetry. A value struct refreshed in place: reading it allocates nothing.
/// </summary>
public struct TwinTelemetry
{
    public Estimate StateOfCharge;
    public Estimate NegativeSurfaceStoichiometry;
    public Estimate PositiveSurfaceStoichiometry;
    public Estimate CoreTemperature_K;
    public Estimate PlatingOverpotential_V;

    /// <summary>Health vector: lithium-inventory loss (fraction of the cell file's inventory).</summary>
    public Estimate LithiumInventoryLoss;
    public Estimate NegativeActiveMaterialLoss;
    public Estimate PositiveActiveMaterialLoss;

    /// <summary>Series resistance added to the cell file's contact resistance [Ω].</summary>
    public Estimate ResistanceGrowth_Ohm;

    /// <summary>The twin's predicted terminal voltage at the measurement [V] (for the voltage-only detector and the report).</summary>
    public double PredictedVoltage_V;

    /// <summary>The twin's predicted cell thickness change [m].</summary>
    public double PredictedThickness_m;

    public double AdmissibleCurrent_A;
    public BindingConstraint Binding;
    public double Slack;
    public bool NothingAdmissible;
    public int SolverEvaluations;

    /// <summary>Extra plating margin in force (from plating evidence) [V].</summary>
    public double EvidenceMargin_V;

    public double PressureEvidence;
    public bool PressureAlarm;
    public double VoltageEvidence;
    public bool VoltageAlarm;

    /// <summary>Measurements kept out of the filter so far: not finite, out of range, or beyond the innovation gate.</summary>
    public int RejectedNotFinite;
    public int RejectedOutOfRange;
    public int RejectedGated;

    /// <summary>The last voltage update's normalised innovation squared (the safety monitor's divergence test reads it); NaN when the reading was kept out before the filter.</summary>
    public double VoltageInnovationNis;
}
