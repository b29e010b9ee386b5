using ChargeTwin.FirmwareInterface.Sensors;

namespace ChargeTwin.FirmwareInterface.Tests.Sensors;

/// <summary>
/// A deterministic stand-in for the bench's cell: slow sines around typical fast-charge values, with the
/// current swinging through zero so both charge and discharge are seen. Also a virtual clock.
/// </summary>
internal sealed class TestPlant : ICellSignalSource
{
    public long NowNs { get; set; }

    public int Samples { get; private set; }

    public CellSignals Sample(long timeNs)
    {
        Samples++;
        double t = timeNs / 1e9;
        return new CellSignals(
            Voltage_V: 3.70 + (0.45 * Math.Sin(2 * Math.PI * t / 10)),
            Current_A: 30.0 * Math.Cos(2 * Math.PI * t / 7),
            SurfaceTemperature_K: 298.15 + (12.0 * Math.Sin(2 * Math.PI * t / 13)),
            StackPressure_Pa: 350_000 + (80_000 * Math.Sin(2 * Math.PI * t / 11)),
            StackForce_N: 2500 + (600 * Math.Sin(2 * Math.PI * t / 9)));
    }
}
