using ChargeTwin.Controller.Contract;

namespace ChargeTwin.Controller.Baselines;

/// <summary>Multi-stage CC (Attia et al. 2020 style): a C-rate per SOC window, SOC by coulomb counting; CV at the voltage limit.</summary>
public sealed record MultiStageCcSpec(string Name, IReadOnlyList<CcStage> Stages, double VoltageLimit_V) : ControllerSpec(Name)
{
    public override string Type => "multistage-cc";

    public override string Canonical() => System.FormattableString.Invariant(
        $"mscc;{string.Join('|', Stages.Select(s => $"{s.UntilSoc:R}:{s.Rate.Canonical()}"))};V={VoltageLimit_V:R}");
}
