namespace ChargeTwin.HilBench.Faults;

/// <summary>
/// One entry of the campaign's <c>faults:</c> axis: a name and the faults injected together in its scenarios (none
/// for a fault-free condition).
/// </summary>
public sealed record FaultSet(string Name, IReadOnlyList<FaultSpec> Faults)
{
    /// <summary>What a campaign without a <c>faults:</c> axis runs: nothing injected beyond its sensor suites' faults.</summary>
    public static FaultSet None { get; } = new("none", []);

    /// <summary>Its part of the condition's canonical text: empty for no faults, so a fault-free entry keeps the ids of a file without the axis.</summary>
    public string Canonical() => Faults.Count == 0 ? "" : ";faults:" + string.Join('|', Faults.Select(f => f.Canonical()));
}
