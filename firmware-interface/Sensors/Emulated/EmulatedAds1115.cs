using System.Device.I2c;

namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// Register model of a TI ADS1115 (datasheet SBAS444, section 8.6): pointer register, 16-bit conversion
/// register (0x00, read only), config register (0x01, reset 0x8583), Lo_thresh (0x02, reset 0x8000) and
/// Hi_thresh (0x03, reset 0x7FFF). Config bits: OS[15] start/ready, MUX[14:12], PGA[11:9], MODE[8]
/// (1 = single-shot), DR[7:5], comparator[4:0]. Writing OS=1 in single-shot mode samples the plant and
/// converts; the next config read shows the conversion in progress (OS=0) once, then ready (OS=1).
/// In continuous mode every read of the conversion register samples the plant anew.
/// Codes are two's complement, full scale ±FSR = 32767, saturated.
/// </summary>
public sealed class EmulatedAds1115 : RegisterI2cDevice
{
    private static readonly double[] s_fullScale_V = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];

    private readonly ICellSignalSource _plant;
    private readonly Func<long> _clockNs;
    private readonly AnalogInputs _inputs;
    private ushort _config = 0x8583;
    private ushort _loThreshold = 0x8000;
    private ushort _hiThreshold = 0x7FFF;
    private short _conversion;
    private bool _busyOnce;

    /// <summary>Creates the chip; <paramref name="inputs"/> says what voltage each AIN pin sees.</summary>
    public EmulatedAds1115(I2cConnectionSettings settings, ICellSignalSource plant, Func<long> clockNs, AnalogInputs inputs)
        : base(settings)
    {
        _plant = plant;
        _clockNs = clockNs;
        _inputs = inputs;
    }

    /// <summary>Conversions performed (for tests).</summary>
    public int Conversions { get; private set; }

    /// <summary>The config register as last written.</summary>
    public ushort Config => _config;

    /// <inheritdoc />
    protected override bool IsRegister(byte pointer) => pointer <= 0x03;

    /// <inheritdoc />
    protected override ushort ReadRegister(byte pointer)
    {
        switch (pointer)
        {
            case 0x00:
                if ((_config & 0x0100) == 0)
                {
                    Convert();
                }

                return (ushort)_conversion;
            case 0x01:
                if (_busyOnce)
                {
                    _busyOnce = false;
                    return (ushort)(_config & 0x7FFF);
                }

                return (ushort)(_config | 0x8000);
            case 0x02:
                return _loThreshold;
            default:
                return _hiThreshold;
        }
    }

    /// <inheritdoc />
    protected override void WriteRegister(byte pointer, ushort value)
    {
        switch (pointer)
        {
            case 0x00:
                throw new IOException("ADS1115: the conversion register is read only");
            case 0x01:
                _config = (ushort)(value & 0x7FFF);
                bool singleShot = (value & 0x0100) != 0;
                if ((value & 0x8000) != 0 || !singleShot)
                {
                    Convert();
                    _busyOnce = true;
                }

                break;
            case 0x02:
                _loThreshold = value;
                break;
            default:
                _hiThreshold = value;
                break;
        }
    }

    private void Convert()
    {
        CellSignals s = _plant.Sample(_clockNs());
        int mux = (_config >> 12) & 0x7;
        double volts = mux switch
        {
            0 => _inputs.Volts(0, s) - _inputs.Volts(1, s),
            1 => _inputs.Volts(0, s) - _inputs.Volts(3, s),
            2 => _inputs.Volts(1, s) - _inputs.Volts(3, s),
            3 => _inputs.Volts(2, s) - _inputs.Volts(3, s),
            _ => _inputs.Volts(mux - 4, s),
        };
        double fullScale = s_fullScale_V[(_config >> 9) & 0x7];
        double code = Math.Round(volts / fullScale * 32768.0);
        _conversion = (short)Math.Clamp(code, short.MinValue, short.MaxValue);
        Conversions++;
    }
}
