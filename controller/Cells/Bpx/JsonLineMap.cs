using System.Text.Json;

namespace ChargeTwin.Cells;

/// <summary>
/// A first pass over a JSON file with <see cref="Utf8JsonReader"/>: checks the syntax (reporting the
/// line and column), rejects duplicate keys, and remembers the line of every key by its JSON path
/// ($.Parameterisation['Negative electrode']['OCP [V]']), which <see cref="JsonDocument"/> does not know.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines;

    private JsonLineMap(Dictionary<string, int> lines) => _lines = lines;

    /// <summary>Line of the key at <paramref name="path"/> ("$" is line 1), or null.</summary>
    public int? LineOf(string path) => path == "$" ? 1 : _lines.TryGetValue(path, out var line) ? line : null;

    /// <summary>The path of key <paramref name="key"/> inside the object at <paramref name="parent"/>.</summary>
    public static string Child(string parent, string key)
    {
        var simple = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? $"{parent}.{key}" : $"{parent}['{key}']";
    }

    public static JsonLineMap Build(byte[] utf8, string displayName)
    {
        // the reader checks UTF-8 only when a string is read, and then throws InvalidOperationException
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw NotUtf8(utf8, displayName);
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var containers = new Stack<Container>();
        string? pendingPath = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var counted = 0L;
        var line = 1;
        try
        {
            while (reader.Read())
            {
                // count newlines up to the start of this token
                var start = reader.TokenStartIndex;
                for (; counted < start; counted++)
                {
                    if (utf8[counted] == (byte)'\n')
                    {
                        line++;
                    }
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        var parent = containers.Peek();
                        var key = reader.GetString() ?? "";
                        var path = Child(parent.Path, key);
                        if (!parent.Keys!.Add(key))
                        {
                            throw new ParameterException("duplicate key", displayName, line, path);
                        }

                        lines[path] = line;
                        pendingPath = path;
                        break;
                    }

                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                    {
                        var path = ValuePath(containers, ref pendingPath);
                        containers.Push(new Container(path, reader.TokenType == JsonTokenType.StartObject));
                        break;
                    }

                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        break;
                    default:
                        ValuePath(containers, ref pendingPath);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            var column = e.BytePositionInLine is { } position ? $" (column {position + 1})" : "";
            var errorLine = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : line;
            // the reader's message may quote the text it stopped at, line ends and all
            throw new ParameterException($"malformed JSON: {message.ReplaceLineEndings(" ").Trim()}{column}", displayName, errorLine, null, e);
        }

        return new JsonLineMap(lines);
    }

    /// <summary>The error for text that is not UTF-8, at the line and column of its first invalid byte.</summary>
    private static ParameterException NotUtf8(byte[] utf8, string displayName)
    {
        var valid = 0;
        while (System.Text.Rune.DecodeFromUtf8(utf8.AsSpan(valid), out _, out var length) == System.Buffers.OperationStatus.Done)
        {
            valid += length;
        }

        var line = 1 + utf8.AsSpan(0, valid).Count((byte)'\n');
        var column = valid - utf8.AsSpan(0, valid).LastIndexOf((byte)'\n');
        return new ParameterException($"malformed JSON: not UTF-8 text (byte 0x{utf8[valid]:X2} at column {column})", displayName, line);
    }

    private static string ValuePath(Stack<Container> containers, ref string? pendingPath)
    {
        if (containers.Count == 0)
        {
            return "$";
        }

        var parent = containers.Peek();
        if (parent.Keys is null)
        {
            return $"{parent.Path}[{parent.NextIndex++}]";
        }

        var path = pendingPath ?? parent.Path;
        pendingPath = null;
        return path;
    }

    private sealed class Container(string path, bool isObject)
    {
        public string Path { get; } = path;

        public HashSet<string>? Keys { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public int NextIndex { get; set; }
    }
}
