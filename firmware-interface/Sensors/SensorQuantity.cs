namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>What a sensor channel measures; the keys under <c>channels:</c> in the device map.</summary>
public enum SensorQuantity
{
    /// <summary>cellVoltage, volts.</summary>
    CellVoltage,

    /// <summary>current, amperes (positive charges).</summary>
    Current,

    /// <summary>surfaceTemperature, kelvin.</summary>
    SurfaceTemperature,

    /// <summary>stackPressure, pascals.</summary>
    StackPressure,

    /// <summary>stackForce, newtons.</summary>
    StackForce,
}
