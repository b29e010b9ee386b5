using System.Collections.Frozen;

namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>A parsed DBC file: nodes, messages with their signals, attribute definitions.</summary>
public sealed class DbcDatabase
{
    private readonly FrozenDictionary<uint, DbcMessage> _standard;
    private readonly FrozenDictionary<uint, DbcMessage> _extended;

    internal DbcDatabase(
        string fileName,
        string version,
        IReadOnlyList<string> nodes,
        IReadOnlyList<DbcMessage> messages,
        IReadOnlyDictionary<string, DbcAttributeDefinition> attributeDefinitions,
        string comment)
    {
        FileName = fileName;
        Version = version;
        Nodes = nodes;
        Messages = messages;
        AttributeDefinitions = attributeDefinitions;
        Comment = comment;
        _standard = messages.Where(m => !m.IsExtended).ToFrozenDictionary(m => m.Id);
        _extended = messages.Where(m => m.IsExtended).ToFrozenDictionary(m => m.Id);
    }

    /// <summary>File name the database was parsed from (used in error messages).</summary>
    public string FileName { get; }

    /// <summary>VERSION string.</summary>
    public string Version { get; }

    /// <summary>BU_ nodes.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Messages in file order; <see cref="DbcMessage.Index"/> is the position here.</summary>
    public IReadOnlyList<DbcMessage> Messages { get; }

    /// <summary>BA_DEF_ definitions by name.</summary>
    public IReadOnlyDictionary<string, DbcAttributeDefinition> AttributeDefinitions { get; }

    /// <summary>Network comment (CM_ "text";), or empty.</summary>
    public string Comment { get; }

    /// <summary>The message with that identifier and format, without allocating.</summary>
    public bool TryGetMessage(uint id, bool extended, out DbcMessage message)
        => (extended ? _extended : _standard).TryGetValue(id, out message!);

    /// <summary>The message of that name; throws <see cref="KeyNotFoundException"/> naming the file if absent.</summary>
    public DbcMessage Message(string name)
        => Messages.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"{FileName}: no message named {name}");

    /// <summary>
    /// The value of an attribute on a message: its BA_ value, else the BA_DEF_DEF_ default, else null.
    /// </summary>
    public string? MessageAttribute(DbcMessage message, string attribute)
        => message.Attributes.TryGetValue(attribute, out string? v) ? v
            : AttributeDefinitions.TryGetValue(attribute, out DbcAttributeDefinition? d) ? d.DefaultValue : null;

    /// <summary>The value of an attribute on a signal: its BA_ value, else the default, else null.</summary>
    public string? SignalAttribute(DbcSignal signal, string attribute)
        => signal.Attributes.TryGetValue(attribute, out string? v) ? v
            : AttributeDefinitions.TryGetValue(attribute, out DbcAttributeDefinition? d) ? d.DefaultValue : null;
}
