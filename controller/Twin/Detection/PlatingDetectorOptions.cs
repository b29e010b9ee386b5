namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>Options of the pressure (dP/dQ) plating detector; defaults and their reasons in README.md here.</summary>
public sealed record PlatingDetectorOptions
{
    public ResidualCusumOptions Residual { get; init; } = new();

    /// <summary>
    /// Counted charge from the detector's first sample during which the fixture gain and preload are fitted [A h];
    /// then they are frozen and the CUSUM starts. Plating must be implausible over it (start of a charge, or a
    /// charge the twin predicts far from plating), or the gain absorbs the plating it should reveal.
    /// </summary>
    public double CalibrationCharge_Ah { get; init; } = 0.25;

    /// <summary>The calibration goes on until the predicted thickness has moved this much [m] (excitation of the gain).</summary>
    public double MinimumCalibrationSpan_m { get; init; } = 1e-6;

    /// <summary>Forgetting factor λ of the gain's recursive least squares during calibration (1: none).</summary>
    public double GainForgetting { get; init; } = 1.0;

    /// <summary>β: the residual's dead band is β standard errors of the frozen gain times the predicted dΔh/dQ.</summary>
    public double GainErrorAllowance { get; init; } = 3;

    /// <summary>Time constant of the pressure sensor [s]: the expected thickness passes the same first-order lag.</summary>
    public double PressureSensorLag_s { get; init; }

    public void Validate()
    {
        Residual.Validate();
        if (!(CalibrationCharge_Ah > 0) || !(MinimumCalibrationSpan_m >= 0) || !(GainForgetting > 0 && GainForgetting <= 1) || !(PressureSensorLag_s >= 0) || !(GainErrorAllowance >= 0))
        {
            throw new ArgumentException("pressure detector options: calibration charge > 0 A h, span ≥ 0 m, forgetting in (0, 1], lag ≥ 0 s, gain allowance ≥ 0");
        }
    }
}
