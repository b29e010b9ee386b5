using System.Globalization;
using System.Text.Json;
using ChargeTwin.RtCore.Config;

namespace ChargeTwin.Cells;

/// <summary>One JSON object of a BPX file, with its JSON path, for reading fields with located errors.</summary>
internal sealed class BpxSection
{
    private readonly JsonElement _element;
    private readonly JsonLineMap _lines;

    public BpxSection(JsonElement element, string path, string file, JsonLineMap lines)
    {
        _element = element;
        _lines = lines;
        Path = path;
        File = file;
    }

    public string Path { get; }

    public string File { get; }

    public IEnumerable<string> Keys => _element.EnumerateObject().Select(p => p.Name);

    /// <summary>Where key <paramref name="key"/> is (or, if absent, where this section is).</summary>
    public SourceLocation Where(string key)
    {
        var path = JsonLineMap.Child(Path, key);
        return new SourceLocation(File, _lines.LineOf(path) ?? _lines.LineOf(Path), path);
    }

    public SourceLocation Here => new(File, _lines.LineOf(Path), Path);

    public bool Has(string key) => _element.TryGetProperty(key, out _);

    /// <summary>Rejects keys not in <paramref name="allowed"/>, suggesting close ones.</summary>
    public void AllowOnly(IReadOnlyCollection<string> allowed)
    {
        foreach (var key in Keys)
        {
            if (!allowed.Contains(key))
            {
                var hint = NameSuggestions.DidYouMean(key, allowed);
                throw Where(key).Error(hint.Length > 0 ? $"unknown field{hint}" : $"unknown field (allowed here: {string.Join("; ", allowed)})");
            }
        }
    }

    public BpxSection? OptionalSection(string key)
    {
        if (!_element.TryGetProperty(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Where(key).Error($"expected an object {{…}}, got {Describe(value)}");
        }

        return new BpxSection(value, JsonLineMap.Child(Path, key), File, _lines);
    }

    public BpxSection Section(string key) => OptionalSection(key) ?? throw Missing(key);

    public double Number(string key) => OptionalNumber(key) ?? throw Missing(key);

    public double? OptionalNumber(string key)
    {
        if (!_element.TryGetProperty(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Where(key).Error($"expected a number, got {Describe(value)}");
        }

        return number;
    }

    public string? OptionalText(string key)
    {
        if (!_element.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Where(key).Error($"expected text, got {Describe(value)}"),
        };
    }

    /// <summary>The raw value of <paramref name="key"/>, or null.</summary>
    public JsonElement? Value(string key) => _element.TryGetProperty(key, out var value) ? value : null;

    public ParameterException Missing(string key) =>
        new($"missing required field", File, _lines.LineOf(Path), JsonLineMap.Child(Path, key));

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
