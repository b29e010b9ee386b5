namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>Byte order of a signal, as written after the '@' in a DBC SG_ line.</summary>
public enum DbcByteOrder
{
    /// <summary>'@0': Motorola (big endian); the start bit is the signal's most significant bit.</summary>
    BigEndian = 0,

    /// <summary>'@1': Intel (little endian); the start bit is the signal's least significant bit.</summary>
    LittleEndian = 1,
}
