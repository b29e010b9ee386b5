namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>
/// What a CAN cell-measurement front end sends, in two frames: CM_CellVoltageCurrent and
/// CM_CellTemperaturePressure.
/// </summary>
/// <param name="CellVoltage_V">Cell terminal voltage.</param>
/// <param name="CellCurrent_A">Cell current; positive charges.</param>
/// <param name="SurfaceTemperature_K">Cell surface temperature (sent in 0.01 °C).</param>
/// <param name="StackForce_N">Force on the cell stack (sent in 5 N steps).</param>
/// <param name="StackPressure_Pa">Stack pressure (sent in 2 Pa steps).</param>
public readonly record struct CellMeasurement(
    double CellVoltage_V,
    double CellCurrent_A,
    double SurfaceTemperature_K,
    double StackForce_N,
    double StackPressure_Pa);
