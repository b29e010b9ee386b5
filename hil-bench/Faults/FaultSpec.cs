using System.Globalization;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Faults;

/// <summary>
/// One injected fault: its kind, when it begins — <see cref="At_s"/> after the charge starts, or, when
/// <see cref="AtSoc"/> is set, the first control instant at which the true SOC has reached it — and how long it lasts
/// (<see cref="Duration_s"/>, ∞ = to the end). <see cref="Value"/> is the kind's parameter in base units: the offset
/// (offset), the rate per second (drift), σ's factor (noise_burst), the delay [s] (frames_delayed), the current's
/// factor (stage_overshoot), the remaining fraction of h (cooling_failure), the resistance [Ω] (internal_short), the
/// power at the reference temperature [W] (self_heating); 0 for kinds without one.
/// </summary>
public sealed record FaultSpec(FaultKind Kind, SensorChannelId Channel, double At_s, double Duration_s, double Value)
{
    /// <summary>The true SOC at which the fault begins (NaN: it begins at <see cref="At_s"/>).</summary>
    public double AtSoc { get; init; } = double.NaN;

    /// <summary>Frame faults: which way the frames go.</summary>
    public FrameDirection Direction { get; init; } = FrameDirection.Both;

    /// <summary>Frame faults: the one DBC message they act on (null: every message of <see cref="Direction"/>).</summary>
    public string? Message { get; init; }

    /// <summary>Self-heating: the temperature at which it produces <see cref="Value"/> watts [K].</summary>
    public double Reference_K { get; init; } = double.NaN;

    /// <summary>Self-heating: its Arrhenius activation energy [J/mol].</summary>
    public double ActivationEnergy_JPerMol { get; init; } = double.NaN;

    public FaultTarget Target => TargetOf(Kind);

    public bool TriggeredBySoc => !double.IsNaN(AtSoc);

    public static FaultTarget TargetOf(FaultKind kind) => kind switch
    {
        FaultKind.Stuck or FaultKind.Offset or FaultKind.Drift or FaultKind.OpenCircuit or FaultKind.NoiseBurst => FaultTarget.Sensor,
        FaultKind.HeartbeatLoss => FaultTarget.Controller,
        FaultKind.FramesLost or FaultKind.FramesDelayed or FaultKind.FramesCorrupted or FaultKind.FramesReplayed => FaultTarget.Frames,
        FaultKind.StageOvershoot or FaultKind.StageStuck => FaultTarget.PowerStage,
        _ => FaultTarget.Plant,
    };

    /// <summary>
    /// The fault's part of a scenario id. The sensor suites' original kinds with a time trigger keep their old text
    /// (so the ids of existing campaigns do not change); what a newer fault adds follows it.
    /// </summary>
    public string Canonical()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Channel}:{At_s:R}:{Duration_s:R}:{Value:R}");
        if (TriggeredBySoc)
        {
            text += string.Create(CultureInfo.InvariantCulture, $":soc={AtSoc:R}");
        }

        if (Target == FaultTarget.Frames)
        {
            text += $":dir={Direction}:msg={Message ?? "*"}";
        }

        if (Kind == FaultKind.SelfHeating)
        {
            text += string.Create(CultureInfo.InvariantCulture, $":ref={Reference_K:R}:ea={ActivationEnergy_JPerMol:R}");
        }

        return text;
    }

    /// <summary>One line for reports, e.g. "stuck voltage at 300 s for 60 s".</summary>
    public string Describe()
    {
        var what = Target == FaultTarget.Sensor ? $"{FaultNames.Of(Kind)} {Channel.ToString().ToLowerInvariant()}" : FaultNames.Of(Kind);
        var when = TriggeredBySoc
            ? string.Create(CultureInfo.InvariantCulture, $"at {AtSoc * 100:0.#} % SOC")
            : string.Create(CultureInfo.InvariantCulture, $"at {At_s:0.###} s");
        var length = double.IsPositiveInfinity(Duration_s) ? "" : string.Create(CultureInfo.InvariantCulture, $" for {Duration_s:0.###} s");
        return $"{what} {when}{length}";
    }
}
