using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChargeTwin.RtCore.Config;

/// <summary>
/// Finds a repeated key by walking the parser's events, for the error the representation model cannot place: it
/// refuses the text at the repeat, before any node exists, so the key's field path is known only from the events.
/// </summary>
internal static class YamlKeyPaths
{
    /// <summary>The first key that repeats a key of its mapping (what YamlDotNet's representation model refuses), or null.</summary>
    public static (string Key, string Field, int Line, int Column)? FirstDuplicate(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new List<Collection>();
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingEnd or SequenceEnd:
                        open.RemoveAt(open.Count - 1);
                        break;
                    case NodeEvent node:
                        if (open.Count > 0 && open[^1] is { IsMapping: true } mapping && mapping.NextIsKey(node) is { } repeated)
                        {
                            return (repeated, FieldOf(open, repeated), (int)node.Start.Line, (int)node.Start.Column);
                        }

                        if (node is MappingStart or SequenceStart)
                        {
                            open.Add(new Collection(node is MappingStart));
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or ArgumentException or InvalidOperationException)
        {
            // a syntax error before any repeated key: that is the error to report (YamlDotNet's scanner fails on a few
            // malformed texts with InvalidOperationException or ArgumentException rather than a YamlException)
        }

        return null;
    }

    /// <summary>The keys of the open mappings, outermost first, then <paramref name="key"/>.</summary>
    private static string FieldOf(List<Collection> open, string key) =>
        string.Join('.', open.Take(open.Count - 1).Where(c => c.Key is not null).Select(c => c.Key).Append(key));

    /// <summary>An open mapping or list; a mapping's children alternate key, value.</summary>
    private sealed class Collection(bool isMapping)
    {
        private readonly HashSet<(string Tag, string Value)> _keys = [];
        private bool _expectKey = true;

        public bool IsMapping { get; } = isMapping;

        /// <summary>The key whose value is being read (null for a key that is not text).</summary>
        public string? Key { get; private set; }

        /// <summary>Takes the mapping's next child; returns the key if it is a key already seen.</summary>
        public string? NextIsKey(NodeEvent node)
        {
            var isKey = _expectKey;
            _expectKey = !_expectKey;
            if (!isKey)
            {
                return null;
            }

            Key = (node as Scalar)?.Value;
            return node is Scalar scalar && !_keys.Add((scalar.Tag.IsEmpty ? "" : scalar.Tag.Value, scalar.Value)) ? scalar.Value : null;
        }
    }
}
