using System.Device.I2c;

namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// Register model of a TI INA219 (datasheet SBOS448, section 8.6): configuration (0x00, reset 0x399F;
/// bit 15 resets), shunt voltage (0x01, 10 µV/LSB, two's complement, clipped to the PGA range), bus voltage
/// (0x02, 4 mV/LSB in bits 15..3, CNVR bit 1, OVF bit 0), power (0x03 = current × bus / 5000), current
/// (0x04 = shunt × calibration / 4096) and calibration (0x05). In continuous modes each read samples the
/// plant; in triggered modes the sample is taken when the configuration is written.
/// The shunt sees the plant's current through <c>shunt_ohm</c>; the bus input sees the cell voltage.
/// </summary>
public sealed class EmulatedIna219 : RegisterI2cDevice
{
    private const ushort ResetConfig = 0x399F;

    private readonly ICellSignalSource _plant;
    private readonly Func<long> _clockNs;
    private readonly Func<CellSignals, double> _shuntCurrent_A;
    private readonly double _shunt_ohm;
    private ushort _config = ResetConfig;
    private ushort _calibration;
    private short _shunt;
    private ushort _busCode;
    private bool _overflow;

    /// <summary>Creates the chip.</summary>
    /// <param name="settings">Bus and address.</param>
    /// <param name="plant">The cell.</param>
    /// <param name="clockNs">The bench clock.</param>
    /// <param name="shunt_ohm">True shunt resistance.</param>
    /// <param name="shuntCurrent_A">Current through the shunt for given plant signals (default: the cell current).</param>
    public EmulatedIna219(I2cConnectionSettings settings, ICellSignalSource plant, Func<long> clockNs, double shunt_ohm, Func<CellSignals, double>? shuntCurrent_A = null)
        : base(settings)
    {
        _plant = plant;
        _clockNs = clockNs;
        _shunt_ohm = shunt_ohm;
        _shuntCurrent_A = shuntCurrent_A ?? (s => s.Current_A);
    }

    /// <inheritdoc />
    protected override bool IsRegister(byte pointer) => pointer <= 0x05;

    /// <inheritdoc />
    protected override ushort ReadRegister(byte pointer)
    {
        if ((_config & 0x4) != 0 && pointer is >= 0x01 and <= 0x04)
        {
            Sample();
        }

        return pointer switch
        {
            0x00 => _config,
            0x01 => (ushort)_shunt,
            0x02 => (ushort)((_busCode << 3) | 0x2 | (_overflow ? 0x1 : 0)),
            0x03 => (ushort)Math.Clamp(Math.Abs(Current()) * _busCode / 5000, 0, ushort.MaxValue),
            0x04 => (ushort)(short)Current(),
            _ => _calibration,
        };
    }

    /// <inheritdoc />
    protected override void WriteRegister(byte pointer, ushort value)
    {
        switch (pointer)
        {
            case 0x00:
                if ((value & 0x8000) != 0)
                {
                    _config = ResetConfig;
                    _calibration = 0;
                    return;
                }

                _config = value;
                if ((value & 0x7) is 1 or 2 or 3)
                {
                    Sample();
                }

                break;
            case 0x05:
                _calibration = (ushort)(value & 0xFFFE);
                break;
            default:
                throw new IOException($"INA219: register 0x{pointer:X2} is read only");
        }
    }

    private long Current() => Math.Clamp((long)_shunt * _calibration / 4096, short.MinValue, short.MaxValue);

    private void Sample()
    {
        CellSignals s = _plant.Sample(_clockNs());
        int pga = (_config >> 11) & 0x3;
        int limit = 4000 << pga; // ±40, 80, 160, 320 mV in 10 µV steps
        double shuntCode = Math.Round(_shuntCurrent_A(s) * _shunt_ohm / 10e-6);
        _shunt = (short)Math.Clamp(shuntCode, -limit, limit);
        double busMax_V = (_config & 0x2000) != 0 ? 32.0 : 16.0;
        double bus = Math.Clamp(s.Voltage_V, 0, busMax_V);
        _busCode = (ushort)Math.Clamp(Math.Round(bus / 0.004), 0, 0x1FFF);
        _overflow = Math.Abs(shuntCode) > limit;
    }
}
