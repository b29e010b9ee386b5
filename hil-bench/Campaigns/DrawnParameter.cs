using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>One cell parameter of a spread draw: the fitted parameter it was drawn for, and its drawn value (natural units).</summary>
public sealed record DrawnParameter(UncertainParameter Fitted, double Value)
{
    public string Name => Fitted.Name;

    public string Canonical() => System.FormattableString.Invariant($"{Name}={Value:R}");
}
