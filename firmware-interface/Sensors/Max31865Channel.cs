using Iot.Device.Max31865;

namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// An RTD temperature through <see cref="Max31865"/>. The binding's one-shot read sleeps about 10 ms for
/// the bias to settle and 55–65 ms for the conversion, so this channel belongs on a sensor thread, not
/// the control loop. A fault flagged by the chip (open or shorted RTD) gives NaN.
/// </summary>
public sealed class Max31865Channel : SensorChannel
{
    private readonly Max31865 _rtd;

    /// <summary>Creates the channel.</summary>
    public Max31865Channel(Max31865 rtd, ChannelConfig config)
        : base(config) => _rtd = rtd;

    /// <inheritdoc />
    protected override double ReadChipValue()
    {
        double kelvin = _rtd.Temperature.Kelvins;
        FaultStatus faults = _rtd.Faults;
        if (faults.OverUnderVoltage || faults.ResistanceTemperatureDetectorLow || faults.ReferenceInLow
            || faults.ReferenceInHigh || faults.LowThreshold || faults.HighThreshold)
        {
            throw new IOException("RTD fault flagged by the chip (open or shorted sensor, or out of threshold)");
        }

        return kelvin;
    }
}
