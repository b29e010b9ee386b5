using ChargeTwin.Controller.Twin;
using ChargeTwin.Controller.Twin.Detection;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The twin's telemetry as the session reads it: the pressure (dP/dQ) detector's CUSUM over its alarm threshold — the
/// evidence the twin's own plating margin follows — believed only while the twin's own plating overpotential makes
/// plating plausible (η_Li − 2σ below <see cref="CorroborationMargin_V"/>): lithium cannot plate while the estimated
/// η_Li stands tens of millivolts above zero with a small σ, and on the bench's fixture plating is a fraction of a
/// percent of dP/dQ, so the detector's CUSUM also crosses its threshold in charges that never plate (measured: the demo's
/// 25 °C twin charge, true η_Li ≥ 76 mV, went into PlatingRecovery at 37 % SOC and lost 9 % of its speed); and the
/// solver's admissible current. (Its binding constraint is
/// not read: the voltage constraint over the solver's 60 s horizon binds from the first minutes of a fast charge,
/// long before the cell is near its voltage limit, so it does not mean Taper.)
/// </summary>
public sealed class TwinInsight(TwinController twin) : IChargeInsight
{
    private readonly double _pressureThreshold = new PlatingDetectorOptions().Residual.CusumThreshold;

    /// <summary>Below this η_Li − 2σ the detector's evidence is believed [V].</summary>
    public const double CorroborationMargin_V = 0.02;

    public double PlatingEvidence
    {
        get
        {
            var eta = twin.Telemetry.PlatingOverpotential_V;
            var plausible = !(eta.Mean - (2 * eta.Sigma) >= CorroborationMargin_V);
            return plausible ? twin.Telemetry.PressureEvidence / _pressureThreshold : 0;
        }
    }

    public double AdmissibleCurrent_A => twin.Telemetry.AdmissibleCurrent_A;

    public bool NothingAdmissible => twin.Telemetry.NothingAdmissible;
}
