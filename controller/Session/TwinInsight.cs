using ChargeTwin.Controller.Twin;
using ChargeTwin.Controller.Twin.Detection;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The twin's telemetry as the session reads it: the pressure (dP/dQ) detector's CUSUM over its alarm threshold — the
/// evidence the twin's own plating margin follows — and the solver's admissible current. (Its binding constraint is
/// not read: the voltage constraint over the solver's 60 s horizon binds from the first minutes of a fast charge,
/// long before the cell is near its voltage limit, so it does not mean Taper.)
/// </summary>
public sealed class TwinInsight(TwinController twin) : IChargeInsight
{
    private readonly double _pressureThreshold = new PlatingDetectorOptions().Residual.CusumThreshold;

    public double PlatingEvidence => twin.Telemetry.PressureEvidence / _pressureThreshold;

    public double AdmissibleCurrent_A => twin.Telemetry.AdmissibleCurrent_A;

    public bool NothingAdmissible => twin.Telemetry.NothingAdmissible;
}
