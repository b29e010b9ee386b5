using System.Device.Spi;

namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// Register model of a Maxim MAX31865 (datasheet 19-6478, tables 1–2): address byte with bit 7 set for
/// writes, auto-incrementing; configuration 0x00 (Vbias D7, auto D6, 1-shot D5 self-clearing, 3-wire D4,
/// fault-detection D3:D2, fault-clear D1 self-clearing, 50 Hz D0), RTD MSB/LSB 0x01–0x02 (15-bit ratio
/// R_RTD/R_REF × 32768 in bits 15..1, fault flag bit 0), high/low fault thresholds 0x03–0x06 and fault
/// status 0x07. A 1-shot with Vbias on samples the plant; with Vbias off nothing is converted.
/// The RTD resistance follows Callendar–Van Dusen (<see cref="PlatinumRtd"/>).
/// </summary>
public sealed class EmulatedMax31865 : SpiDevice
{
    private readonly SpiConnectionSettings _settings;
    private readonly ICellSignalSource _plant;
    private readonly Func<long> _clockNs;
    private readonly Func<CellSignals, double> _rtdTemperature_K;
    private readonly double _r0_ohm;
    private readonly double _reference_ohm;
    private readonly byte[] _registers = [0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00];

    /// <summary>Creates the chip.</summary>
    /// <param name="settings">SPI settings (bus, chip select).</param>
    /// <param name="plant">The cell.</param>
    /// <param name="clockNs">The bench clock.</param>
    /// <param name="r0_ohm">RTD resistance at 0 °C (100 or 1000).</param>
    /// <param name="reference_ohm">Reference resistor.</param>
    /// <param name="rtdTemperature_K">Temperature the RTD sits at, for given plant signals (default: the surface temperature).</param>
    public EmulatedMax31865(SpiConnectionSettings settings, ICellSignalSource plant, Func<long> clockNs, double r0_ohm, double reference_ohm, Func<CellSignals, double>? rtdTemperature_K = null)
    {
        _settings = settings;
        _plant = plant;
        _clockNs = clockNs;
        _r0_ohm = r0_ohm;
        _reference_ohm = reference_ohm;
        _rtdTemperature_K = rtdTemperature_K ?? (s => s.SurfaceTemperature_K);
    }

    /// <inheritdoc />
    public override SpiConnectionSettings ConnectionSettings => _settings;

    /// <summary>When true the RTD is open: conversions read full scale and set the fault bit.</summary>
    public bool RtdOpen { get; set; }

    /// <summary>Conversions performed.</summary>
    public int Conversions { get; private set; }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer) => buffer.Fill(0xFF);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Span<byte> ignored = stackalloc byte[buffer.Length];
        TransferFullDuplex(buffer, ignored);
    }

    /// <inheritdoc />
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length == 0)
        {
            return;
        }

        byte address = writeBuffer[0];
        bool write = (address & 0x80) != 0;
        int register = address & 0x7F;
        if (readBuffer.Length > 0)
        {
            readBuffer[0] = 0xFF;
        }

        for (int i = 1; i < Math.Max(writeBuffer.Length, readBuffer.Length); i++, register = (register + 1) & 0x07)
        {
            if (write && i < writeBuffer.Length)
            {
                WriteRegister(register, writeBuffer[i]);
            }
            else if (!write && i < readBuffer.Length)
            {
                readBuffer[i] = ReadRegister(register);
            }
        }
    }

    private byte ReadRegister(int register)
    {
        if (register is 1 && (_registers[0] & 0xC0) == 0xC0)
        {
            Convert();
        }

        return _registers[register];
    }

    private void WriteRegister(int register, byte value)
    {
        switch (register)
        {
            case 0:
                if ((value & 0x02) != 0)
                {
                    _registers[7] = 0;
                    _registers[2] &= 0xFE;
                }

                _registers[0] = (byte)(value & ~0x22);
                if ((value & 0x20) != 0 && (value & 0x80) != 0)
                {
                    Convert();
                }

                break;
            case >= 3 and <= 6:
                _registers[register] = value;
                break;
            default:
                // RTD and fault registers are read only; writes are ignored as on the chip.
                break;
        }
    }

    private void Convert()
    {
        CellSignals s = _plant.Sample(_clockNs());
        double ratio = RtdOpen ? 1.0 : PlatinumRtd.Resistance_ohm(_rtdTemperature_K(s), _r0_ohm) / _reference_ohm;
        int code = (int)Math.Clamp(Math.Round(ratio * 32768.0), 0, 32767);
        int high = (_registers[3] << 7) | (_registers[4] >> 1);
        int low = (_registers[5] << 7) | (_registers[6] >> 1);
        byte faults = 0;
        if (code >= high || RtdOpen)
        {
            faults |= 0x80;
        }

        if (code < low)
        {
            faults |= 0x40;
        }

        _registers[7] |= faults;
        _registers[1] = (byte)(code >> 7);
        _registers[2] = (byte)((code << 1) | (faults != 0 ? 1 : 0));
        Conversions++;
    }
}
