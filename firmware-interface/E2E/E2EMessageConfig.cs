using ChargeTwin.FirmwareInterface.Dbc;

namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>
/// How one message is protected and timed, read from the DBC attributes E2EDataId, E2ERole
/// (Crc / Counter on a signal), GenMsgCycleTime and MsgTimeoutTime.
/// </summary>
public sealed class E2EMessageConfig
{
    /// <summary>Alive counter runs 0..14 and wraps; 15 is never sent (AUTOSAR E2E profile 1).</summary>
    public const int CounterModulo = 15;

    internal E2EMessageConfig(DbcMessage message, ushort dataId, int crcByteIndex, DbcSignal counter, int cycleTimeMs, int timeoutMs)
    {
        Message = message;
        DataId = dataId;
        CrcByteIndex = crcByteIndex;
        Counter = counter;
        CycleTimeMs = cycleTimeMs;
        TimeoutMs = timeoutMs;
    }

    /// <summary>The protected message.</summary>
    public DbcMessage Message { get; }

    /// <summary>16-bit data identifier mixed into the CRC (never sent), so a frame of another message cannot pass.</summary>
    public ushort DataId { get; }

    /// <summary>Payload byte holding the CRC.</summary>
    public int CrcByteIndex { get; }

    /// <summary>The 4-bit alive counter signal.</summary>
    public DbcSignal Counter { get; }

    /// <summary>Declared send period in milliseconds.</summary>
    public int CycleTimeMs { get; }

    /// <summary>Time without a valid frame after which the receiver declares a timeout, in milliseconds.</summary>
    public int TimeoutMs { get; }

    /// <summary>
    /// CRC over DataId low byte, DataId high byte, then every payload byte except the CRC byte, in order.
    /// </summary>
    public byte ComputeCrc(ReadOnlySpan<byte> payload)
    {
        byte r = Crc8J1850.InitialValue;
        r = Crc8J1850.Update(r, (byte)(DataId & 0xFF));
        r = Crc8J1850.Update(r, (byte)(DataId >> 8));
        r = Crc8J1850.Update(r, payload[..CrcByteIndex]);
        r = Crc8J1850.Update(r, payload[(CrcByteIndex + 1)..]);
        return (byte)(r ^ Crc8J1850.FinalXor);
    }

    /// <summary>Writes the counter and then the CRC into a payload whose signals are already set.</summary>
    public void Protect(Span<byte> payload, int counter)
    {
        Counter.SetRaw(payload, counter);
        payload[CrcByteIndex] = ComputeCrc(payload);
    }
}
