using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.Controller.Baselines;

/// <summary>CC-CV (or any PyBaMM-style step list) executed on measured values.</summary>
public sealed record CcCvSpec(string Name, IReadOnlyList<ExperimentStep> Steps, double VoltageTolerance_V) : ControllerSpec(Name)
{
    public override string Type => "cccv";

    public override string Canonical() => System.FormattableString.Invariant($"cccv;{string.Join('|', Steps.Select(s => s.Text))};tol={VoltageTolerance_V:R}");
}
