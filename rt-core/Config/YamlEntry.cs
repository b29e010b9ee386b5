using YamlDotNet.RepresentationModel;

namespace ChargeTwin.RtCore.Config;

/// <summary>One key: value of a mapping, with the key's location (its <see cref="YamlLocation.Field"/> is the key's path).</summary>
public readonly record struct YamlEntry(string Key, YamlNode KeyNode, YamlNode Value, YamlLocation At)
{
    /// <summary>The key's field path: the mapping's path and the key.</summary>
    public string Field => At.Field;
}
