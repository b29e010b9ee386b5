namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>Which object a BA_DEF_ applies to.</summary>
public enum DbcObjectKind
{
    /// <summary>The whole network (no object keyword).</summary>
    Network,

    /// <summary>BU_: a node.</summary>
    Node,

    /// <summary>BO_: a message.</summary>
    Message,

    /// <summary>SG_: a signal.</summary>
    Signal,
}

/// <summary>Value type of an attribute definition.</summary>
public enum DbcAttributeType
{
    /// <summary>INT min max.</summary>
    Int,

    /// <summary>HEX min max.</summary>
    Hex,

    /// <summary>FLOAT min max.</summary>
    Float,

    /// <summary>STRING.</summary>
    String,

    /// <summary>ENUM "a","b",...; values are stored as the enumerator text.</summary>
    Enum,
}

/// <summary>One BA_DEF_ line, with its BA_DEF_DEF_ default.</summary>
public sealed record DbcAttributeDefinition(
    string Name,
    DbcObjectKind AppliesTo,
    DbcAttributeType Type,
    double Minimum,
    double Maximum,
    IReadOnlyList<string> EnumValues)
{
    /// <summary>Default value text from BA_DEF_DEF_, or null.</summary>
    public string? DefaultValue { get; internal set; }
}
