namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>One reading of every mapped channel, calibrated. A quantity without a channel is NaN.</summary>
/// <param name="TimeNs">When the reading was taken.</param>
/// <param name="CellVoltage_V">Cell voltage.</param>
/// <param name="Current_A">Cell current; positive charges.</param>
/// <param name="SurfaceTemperature_K">Surface temperature.</param>
/// <param name="StackPressure_Pa">Stack pressure.</param>
/// <param name="StackForce_N">Stack force.</param>
public readonly record struct SensorMeasurement(
    long TimeNs,
    double CellVoltage_V,
    double Current_A,
    double SurfaceTemperature_K,
    double StackPressure_Pa,
    double StackForce_N);
