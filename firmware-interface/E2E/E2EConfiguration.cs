using System.Globalization;
using ChargeTwin.FirmwareInterface.Dbc;

namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>The E2E and timing configuration of every message of a DBC, checked once at start-up.</summary>
public sealed class E2EConfiguration
{
    /// <summary>Message attribute: the 16-bit E2E data identifier.</summary>
    public const string DataIdAttribute = "E2EDataId";

    /// <summary>Signal attribute: ENUM "None","Crc","Counter".</summary>
    public const string RoleAttribute = "E2ERole";

    /// <summary>Message attribute: send period in ms (Vector's usual name).</summary>
    public const string CycleTimeAttribute = "GenMsgCycleTime";

    /// <summary>Message attribute: receiver timeout in ms.</summary>
    public const string TimeoutAttribute = "MsgTimeoutTime";

    private readonly E2EMessageConfig?[] _byIndex;

    private E2EConfiguration(DbcDatabase database, E2EMessageConfig?[] byIndex)
    {
        Database = database;
        _byIndex = byIndex;
    }

    /// <summary>The database the configuration was read from.</summary>
    public DbcDatabase Database { get; }

    /// <summary>The configuration of a message, or null if it is not E2E protected.</summary>
    public E2EMessageConfig? For(DbcMessage message) => _byIndex[message.Index];

    /// <summary>The configuration by message index, or null.</summary>
    public E2EMessageConfig? ForIndex(int index) => _byIndex[index];

    /// <summary>
    /// Reads the configuration. A message is protected when it has a signal with E2ERole Crc; it then
    /// needs a byte-aligned 8-bit CRC, a 4-bit counter, a non-zero data id unique in the file, and a
    /// cycle time with a timeout of at least one cycle. Violations are reported as <see cref="DbcFormatException"/>
    /// at the message's line.
    /// </summary>
    public static E2EConfiguration FromDatabase(DbcDatabase db)
    {
        var result = new E2EMessageConfig?[db.Messages.Count];
        var usedIds = new Dictionary<ushort, DbcMessage>();
        foreach (DbcMessage m in db.Messages)
        {
            DbcSignal? crc = null;
            DbcSignal? counter = null;
            foreach (DbcSignal s in m.Signals)
            {
                string? role = db.SignalAttribute(s, RoleAttribute);
                if (role == "Crc")
                {
                    crc = crc is null ? s : throw Error(db, m, $"has two CRC signals ({crc.Name}, {s.Name})");
                }
                else if (role == "Counter")
                {
                    counter = counter is null ? s : throw Error(db, m, $"has two counter signals ({counter.Name}, {s.Name})");
                }
            }

            if (crc is null && counter is null)
            {
                continue;
            }

            if (crc is null || counter is null)
            {
                throw Error(db, m, "needs both an E2ERole Crc and an E2ERole Counter signal");
            }

            bool aligned = crc.Length == 8 && !crc.IsSigned && crc.StartBit % 8 == (crc.ByteOrder == DbcByteOrder.LittleEndian ? 0 : 7);
            if (!aligned)
            {
                throw Error(db, m, $"CRC signal {crc.Name} must be an unsigned 8-bit signal on a byte boundary");
            }

            if (counter.Length != 4 || counter.IsSigned)
            {
                throw Error(db, m, $"counter signal {counter.Name} must be an unsigned 4-bit signal");
            }

            int dataId = ReadInt(db, m, DataIdAttribute);
            int cycle = ReadInt(db, m, CycleTimeAttribute);
            int timeout = ReadInt(db, m, TimeoutAttribute);
            if (dataId is <= 0 or > 0xFFFF)
            {
                throw Error(db, m, $"{DataIdAttribute} must be 1..65535, found {dataId}");
            }

            if (usedIds.TryGetValue((ushort)dataId, out DbcMessage? other))
            {
                throw Error(db, m, $"{DataIdAttribute} {dataId} is also used by {other.Name}");
            }

            if (cycle <= 0 || timeout < cycle)
            {
                throw Error(db, m, $"needs {CycleTimeAttribute} > 0 and {TimeoutAttribute} >= the cycle time (found {cycle} ms and {timeout} ms)");
            }

            usedIds[(ushort)dataId] = m;
            result[m.Index] = new E2EMessageConfig(m, (ushort)dataId, crc.StartBit / 8, counter, cycle, timeout);
        }

        return new E2EConfiguration(db, result);
    }

    private static int ReadInt(DbcDatabase db, DbcMessage m, string attribute)
    {
        string? text = db.MessageAttribute(m, attribute);
        return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? (int)v : 0;
    }

    private static DbcFormatException Error(DbcDatabase db, DbcMessage m, string problem)
        => new(db.FileName, m.Line, $"BO_ {m.Name}: {problem}");
}
