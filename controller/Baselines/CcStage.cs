using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Baselines;

/// <summary>One stage of a multi-stage CC protocol: this rate until the (estimated) SOC reaches <see cref="UntilSoc"/>.</summary>
public sealed record CcStage(double UntilSoc, Quantity Rate);
