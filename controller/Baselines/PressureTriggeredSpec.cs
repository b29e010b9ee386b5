using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Baselines;

/// <summary>
/// Pressure-triggered CC (after Huang et al. 2022): start at the first rate and step down the list whenever the
/// measured dP/dQ (regression over a window of measured pressure against counted charge) crosses the threshold.
/// </summary>
public sealed record PressureTriggeredSpec(string Name, IReadOnlyList<Quantity> Rates, double Threshold_PaPerAh, double Window_s, double MinimumDwell_s, double VoltageLimit_V)
    : ControllerSpec(Name)
{
    public override string Type => "pressure-cc";

    public override string Canonical() => System.FormattableString.Invariant(
        $"pcc;{string.Join('|', Rates.Select(r => r.Canonical()))};th={Threshold_PaPerAh:R};win={Window_s:R};dwell={MinimumDwell_s:R};V={VoltageLimit_V:R}");
}
