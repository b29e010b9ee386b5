namespace ChargeTwin.HilBench.Plant;

/// <summary>A condition the integrator locates exactly (a root of the state).</summary>
public enum PlantEventKind
{
    None,
    VoltageAbove,
    VoltageBelow,
    CurrentMagnitudeBelow,
    TemperatureAbove,
}

/// <summary>An event to locate: kind and threshold (V, A or K).</summary>
public readonly record struct PlantEvent(PlantEventKind Kind, double Threshold);
