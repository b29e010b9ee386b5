namespace ChargeTwin.HilBench.Faults;

/// <summary>The fault kinds' names in campaign files.</summary>
public static class FaultNames
{
    /// <summary>Every name a file may use, with its kind (<c>heartbeat_loss</c> is the sensor suites' older name of <c>controller_hang</c>).</summary>
    public static IReadOnlyList<(string Name, FaultKind Kind)> All { get; } =
    [
        ("stuck", FaultKind.Stuck),
        ("offset", FaultKind.Offset),
        ("drift", FaultKind.Drift),
        ("open_circuit", FaultKind.OpenCircuit),
        ("noise_burst", FaultKind.NoiseBurst),
        ("frames_lost", FaultKind.FramesLost),
        ("frames_delayed", FaultKind.FramesDelayed),
        ("frames_corrupted", FaultKind.FramesCorrupted),
        ("frames_replayed", FaultKind.FramesReplayed),
        ("stage_overshoot", FaultKind.StageOvershoot),
        ("stage_stuck", FaultKind.StageStuck),
        ("cooling_failure", FaultKind.CoolingFailure),
        ("internal_short", FaultKind.InternalShort),
        ("self_heating", FaultKind.SelfHeating),
        ("controller_hang", FaultKind.HeartbeatLoss),
        ("heartbeat_loss", FaultKind.HeartbeatLoss),
    ];

    /// <summary>The kind's name in files (controller_hang for <see cref="FaultKind.HeartbeatLoss"/>).</summary>
    public static string Of(FaultKind kind)
    {
        foreach (var (name, k) in All)
        {
            if (k == kind)
            {
                return name;
            }
        }

        return kind.ToString();
    }
}
