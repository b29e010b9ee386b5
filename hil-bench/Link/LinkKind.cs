namespace ChargeTwin.HilBench.Link;

/// <summary>How a scenario connects the controller under test to the bench (campaign key <c>link:</c>).</summary>
public enum LinkKind
{
    /// <summary>As the DBC's frames on an in-memory CAN bus at the virtual clock, E2E supervised on both sides (the default).</summary>
    Can,

    /// <summary>Measurements and setpoints passed as numbers, once per control period (the bench before the wire; faster).</summary>
    Direct,
}
