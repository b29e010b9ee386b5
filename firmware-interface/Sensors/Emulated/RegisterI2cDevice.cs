using System.Device.I2c;

namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// An I2C chip with a register pointer and 16-bit big-endian registers (ADS1115, INA219 and many others):
/// a one-byte write sets the pointer, a three-byte write sets the pointer and writes the register, a read
/// returns the pointed register MSB first. <see cref="Disconnected"/> makes every transfer fail like a NACK.
/// </summary>
public abstract class RegisterI2cDevice : I2cDevice
{
    private readonly I2cConnectionSettings _settings;

    /// <summary>Creates the device at a bus and address.</summary>
    protected RegisterI2cDevice(I2cConnectionSettings settings) => _settings = settings;

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>When true, every transfer throws <see cref="IOException"/> (a chip off the bus).</summary>
    public bool Disconnected { get; set; }

    /// <summary>The register pointer.</summary>
    protected byte Pointer { get; private set; }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckConnected();
        if (buffer.Length == 0)
        {
            return;
        }

        if (!IsRegister(buffer[0]))
        {
            throw new IOException($"{GetType().Name}@0x{_settings.DeviceAddress:X2}: no register 0x{buffer[0]:X2} (NACK)");
        }

        Pointer = buffer[0];
        if (buffer.Length == 3)
        {
            WriteRegister(Pointer, (ushort)((buffer[1] << 8) | buffer[2]));
        }
        else if (buffer.Length != 1)
        {
            throw new IOException($"{GetType().Name}@0x{_settings.DeviceAddress:X2}: a register write is 1 or 3 bytes, got {buffer.Length}");
        }
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        CheckConnected();
        for (int i = 0; i < buffer.Length; i += 2)
        {
            ushort value = ReadRegister(Pointer);
            buffer[i] = (byte)(value >> 8);
            if (i + 1 < buffer.Length)
            {
                buffer[i + 1] = (byte)value;
            }
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <summary>True when the chip has a register at this pointer value.</summary>
    protected abstract bool IsRegister(byte pointer);

    /// <summary>The register's value as the chip would send it now.</summary>
    protected abstract ushort ReadRegister(byte pointer);

    /// <summary>A write to a register.</summary>
    protected abstract void WriteRegister(byte pointer, ushort value);

    private void CheckConnected()
    {
        if (Disconnected)
        {
            throw new IOException($"{GetType().Name}@0x{_settings.DeviceAddress:X2}: no acknowledge (device disconnected)");
        }
    }
}
