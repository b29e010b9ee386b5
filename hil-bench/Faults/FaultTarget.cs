namespace ChargeTwin.HilBench.Faults;

/// <summary>Which part of the bench a fault kind acts on.</summary>
public enum FaultTarget
{
    Sensor,
    Controller,
    Frames,
    PowerStage,
    Plant,
}
