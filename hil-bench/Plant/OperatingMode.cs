namespace ChargeTwin.HilBench.Plant;

/// <summary>What the terminals are held at.</summary>
public enum OperatingMode
{
    /// <summary>Terminal current set [A], charge positive (rest is current 0).</summary>
    Current,

    /// <summary>Terminal voltage set [V] (constant-voltage hold).</summary>
    Voltage,

    /// <summary>Terminal power set [W], charge positive.</summary>
    Power,
}
