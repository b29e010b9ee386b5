namespace ChargeTwin.Controller.Contract;

/// <summary>A controller to compare, as a campaign or a host configuration names and configures it.</summary>
public abstract record ControllerSpec(string Name)
{
    public abstract string Type { get; }

    /// <summary>Everything that determines its behaviour, as text (part of the scenario id).</summary>
    public abstract string Canonical();
}
