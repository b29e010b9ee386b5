namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// The analog front end of an emulated ADC: the voltage at each input pin, worked out from the plant's
/// signals at conversion time. Unconnected pins sit at 0 V.
/// </summary>
public sealed class AnalogInputs
{
    private readonly Func<CellSignals, double>?[] _pins;

    /// <summary>Creates a front end with <paramref name="pinCount"/> pins.</summary>
    public AnalogInputs(int pinCount) => _pins = new Func<CellSignals, double>?[pinCount];

    /// <summary>Connects a pin to a function of the plant's signals (volts).</summary>
    public void Connect(int pin, Func<CellSignals, double> volts) => _pins[pin] = volts;

    /// <summary>The pin's voltage for these signals.</summary>
    public double Volts(int pin, in CellSignals signals) => _pins[pin]?.Invoke(signals) ?? 0.0;
}
