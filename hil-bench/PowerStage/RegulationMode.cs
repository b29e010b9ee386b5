namespace ChargeTwin.HilBench.PowerStage;

/// <summary>What the power stage is regulating.</summary>
public enum RegulationMode
{
    /// <summary>Output disabled (current commanded to 0 through the slew limit).</summary>
    Off,

    /// <summary>Constant current: the current command, reached through the slew limit.</summary>
    ConstantCurrent,

    /// <summary>Constant voltage: the voltage loop holds the terminal voltage at the limit.</summary>
    ConstantVoltage,
}
