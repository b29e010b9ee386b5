using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// The twin controller as a campaign or host configures it: the safe envelope and its k·σ margin, the horizon
/// and search of the admissible-current solver, and how plating evidence tightens the plating margin.
/// </summary>
public sealed record TwinSpec(string Name) : ControllerSpec(Name)
{
    public override string Type => "twin";

    /// <summary>Margin in σ of each prediction (see controller/Twin/README.md for how it was chosen).</summary>
    public double K { get; init; } = 2;

    /// <summary>η_min: the lowest admissible plating overpotential at the negative/separator interface [V].</summary>
    public double MinPlatingOverpotential_V { get; init; } = 0.003;

    /// <summary>T_max for the core temperature [K].</summary>
    public double MaxTemperature_K { get; init; } = 273.15 + 44.5;

    /// <summary>V_max, also the voltage limit sent to the power stage [V].</summary>
    public double VoltageLimit_V { get; init; } = 4.2;

    public Quantity MaxCurrent { get; init; } = new(QuantityKind.Current, 3, IsCRate: true);

    /// <summary>Largest increase of the current per second (A/s, or C/s).</summary>
    public Quantity Ramp { get; init; } = new(QuantityKind.SlewRate, 1, IsCRate: true);

    public double Horizon_s { get; init; } = 60;

    /// <summary>Steps of the horizon prediction (each Horizon / steps long); the constraints are checked after each.</summary>
    public int HorizonSteps { get; init; } = 6;

    public Quantity Resolution { get; init; } = new(QuantityKind.Current, 0.01, IsCRate: true);

    public int MaxEvaluations { get; init; } = 10;

    /// <summary>
    /// Extra plating margin at the pressure detector's alarm [V]; it rises linearly from zero at half the alarm
    /// threshold of the plating evidence.
    /// </summary>
    public double EvidenceMargin_V { get; init; } = 0.02;

    /// <summary>Time constant with which the evidence margin relaxes once the evidence falls [s].</summary>
    public double EvidenceRelaxation_s { get; init; } = 600;

    /// <summary>Lag of the stack-pressure sensor, mirrored on the expected pressure so it cancels in the residual [s].</summary>
    public double PressureSensorLag_s { get; init; } = 2;

    /// <summary>
    /// When set, the twin only watches: it charges at this constant current (CV at the voltage limit) whatever the
    /// solver says, while its estimator, detectors and solver run as usual — the forced-plating scenarios that
    /// measure the detectors.
    /// </summary>
    public Quantity? FixedCurrent { get; init; }

    public override string Canonical() => System.FormattableString.Invariant(
        $"twin;k={K:R};eta_min={MinPlatingOverpotential_V:R};tmax={MaxTemperature_K:R};vmax={VoltageLimit_V:R};imax={MaxCurrent.Canonical()};ramp={Ramp.Canonical()};h={Horizon_s:R}/{HorizonSteps};res={Resolution.Canonical()};eval={MaxEvaluations};ev={EvidenceMargin_V:R}/{EvidenceRelaxation_s:R};plag={PressureSensorLag_s:R}{(FixedCurrent is { } f ? ";fixed=" + f.Canonical() : "")}");
}
