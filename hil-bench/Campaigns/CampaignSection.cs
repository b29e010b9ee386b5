using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// A mapping of a campaign file read by key — the file itself, or the charger — after its keys are checked against
/// the known ones: a key's value, null when it is absent, or "required key is missing" at the mapping.
/// </summary>
internal sealed class CampaignSection
{
    private readonly YamlReader<CampaignException> _y;
    private readonly string _field;
    private readonly Dictionary<string, YamlNode> _values;

    /// <param name="field">The mapping's field path (empty for the file).</param>
    public CampaignSection(YamlReader<CampaignException> y, YamlMappingNode node, string field, IReadOnlyCollection<string> known)
    {
        _y = y;
        _field = field;
        _values = y.Entries(node, field, known).ToDictionary(e => e.Key, e => e.Value);
        Node = node;
    }

    public YamlMappingNode Node { get; }

    public YamlNode? Get(string key) => _values.GetValueOrDefault(key);

    public YamlNode Need(string key) => Get(key) ?? throw _y.Error(Node, _field.Length == 0 ? key : $"{_field}.{key}", "required key is missing");
}
