namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>One BO_ of a DBC file: identifier, length, sender and its signals.</summary>
public sealed class DbcMessage
{
    internal DbcMessage(uint id, bool isExtended, string name, int dlc, string transmitter, int line)
    {
        Id = id;
        IsExtended = isExtended;
        Name = name;
        Dlc = dlc;
        Transmitter = transmitter;
        Line = line;
    }

    /// <summary>CAN identifier without the extended flag.</summary>
    public uint Id { get; }

    /// <summary>True for a 29-bit identifier (bit 31 set in the DBC's BO_ id).</summary>
    public bool IsExtended { get; }

    /// <summary>Message name.</summary>
    public string Name { get; }

    /// <summary>Data length in bytes, 0..8.</summary>
    public int Dlc { get; }

    /// <summary>Sending node.</summary>
    public string Transmitter { get; }

    /// <summary>Line of the BO_ in the DBC file.</summary>
    public int Line { get; }

    /// <summary>Position of this message in <see cref="DbcDatabase.Messages"/>.</summary>
    public int Index { get; internal set; }

    /// <summary>Signals in file order.</summary>
    public IReadOnlyList<DbcSignal> Signals => SignalList;

    /// <summary>CM_ BO_ comment, or empty.</summary>
    public string Comment { get; internal set; } = string.Empty;

    /// <summary>BA_ values set on this message (attribute name → value text).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; internal set; } = new Dictionary<string, string>();

    internal List<DbcSignal> SignalList { get; } = [];

    /// <summary>The signal of that name; throws <see cref="KeyNotFoundException"/> naming the message if absent.</summary>
    public DbcSignal Signal(string name)
    {
        foreach (DbcSignal s in SignalList)
        {
            if (s.Name == name)
            {
                return s;
            }
        }

        throw new KeyNotFoundException($"message {Name} has no signal {name}");
    }

    /// <summary>The signal of that name, or null.</summary>
    public DbcSignal? FindSignal(string name) => SignalList.Find(s => s.Name == name);

    /// <inheritdoc />
    public override string ToString() => $"{Name} 0x{Id:X}";
}
