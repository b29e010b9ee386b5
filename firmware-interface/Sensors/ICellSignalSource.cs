namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// The true physical state of the cell at the sensors, as a plant gives it. The emulated chips ask it for
/// the value at the moment of each conversion, so the same sensor code runs against a simulated cell
/// (the bench connects its plant here) or a simple signal in tests.
/// </summary>
public interface ICellSignalSource
{
    /// <summary>The cell's signals at <paramref name="timeNs"/> (the bench's clock).</summary>
    CellSignals Sample(long timeNs);
}

/// <summary>What the sensors see: the true values at their inputs.</summary>
/// <param name="Voltage_V">Cell terminal voltage.</param>
/// <param name="Current_A">Cell current; positive charges.</param>
/// <param name="SurfaceTemperature_K">Cell surface temperature.</param>
/// <param name="StackPressure_Pa">Pressure on the cell stack (differential-pressure transducer).</param>
/// <param name="StackForce_N">Force on the cell stack (load cell).</param>
public readonly record struct CellSignals(
    double Voltage_V,
    double Current_A,
    double SurfaceTemperature_K,
    double StackPressure_Pa,
    double StackForce_N);
