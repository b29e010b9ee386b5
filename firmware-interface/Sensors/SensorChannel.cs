namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>
/// One mapped quantity read through its binding: <see cref="ReadChipValue"/> gives the chip's value in its
/// unit (V, K, N or A) and <see cref="Read"/> applies the calibration physical = gain * value + offset.
/// A failed transfer is counted and gives NaN; it never throws.
/// </summary>
public abstract class SensorChannel
{
    /// <summary>Creates the channel for a device-map entry.</summary>
    protected SensorChannel(ChannelConfig config) => Config = config;

    /// <summary>The device-map entry.</summary>
    public ChannelConfig Config { get; }

    /// <summary>What is measured.</summary>
    public SensorQuantity Quantity => Config.Quantity;

    /// <summary>Reads that failed (bus error, timeout, chip fault).</summary>
    public long Failures { get; private set; }

    /// <summary>The last failure, as one line, or null.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>The calibrated value, or NaN when the read failed.</summary>
    public double Read()
    {
        try
        {
            return (Config.Gain * ReadChipValue()) + Config.Offset;
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            Failures++;
            LastFailure = $"{Config.Chip} ({Config.Quantity}): {e.Message}";
            return double.NaN;
        }
    }

    /// <summary>The chip's value in its unit, through the binding.</summary>
    protected abstract double ReadChipValue();
}
