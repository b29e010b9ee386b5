using ChargeTwin.Controller.Twin;
using ChargeTwin.Controller.Twin.Detection;
using ChargeTwin.Controller.Twin.Solver;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The twin's telemetry as the session reads it: the pressure (dP/dQ) detector's CUSUM over its alarm threshold — the
/// evidence the twin's own plating margin follows — and the solver's admissible current and binding constraint.
/// </summary>
public sealed class TwinInsight(TwinController twin) : IChargeInsight
{
    private readonly double _pressureThreshold = new PlatingDetectorOptions().Residual.CusumThreshold;

    public double PlatingEvidence => twin.Telemetry.PressureEvidence / _pressureThreshold;

    public double AdmissibleCurrent_A => twin.Telemetry.AdmissibleCurrent_A;

    public bool NothingAdmissible => twin.Telemetry.NothingAdmissible;

    public bool VoltageLimited => twin.Telemetry.Binding == BindingConstraint.Voltage;
}
