using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.RtCore.Config;

/// <summary>Makes a reader's own exception for a problem at a location.</summary>
public delegate TError YamlErrorFactory<out TError>(YamlLocation at, YamlProblem problem)
    where TError : Exception;

/// <summary>
/// Strict, typed reading of one YAML file through YamlDotNet's representation model (no reflection: AOT safe).
/// Every error is made by the reader's <see cref="YamlErrorFactory{TError}"/>, at a <see cref="YamlLocation"/>
/// naming file, line, column and field path, so that each config reader throws its own exception type with its
/// own wording. Typed reads take the node and either its field path (the error is at the node) or a location.
/// </summary>
/// <param name="file">The file as messages name it.</param>
/// <param name="error">Turns a problem at a location into the reader's exception.</param>
public sealed class YamlReader<TError>(string file, YamlErrorFactory<TError> error)
    where TError : Exception
{
    public string File { get; } = file;

    public YamlLocation At(YamlNode node, string field) => new(File, (int)node.Start.Line, (int)node.Start.Column, field);

    /// <summary>The problem at <paramref name="at"/>; a field path that quotes a key with a line break in it is put on one line.</summary>
    public TError Error(YamlLocation at, YamlProblem problem) => error(at with { Field = MessageText.OneLine(at.Field) }, problem);

    /// <summary>A stated problem, on one line however it quotes the input (a plain scalar may span lines).</summary>
    public TError Error(YamlLocation at, string problem) => Error(at, new YamlProblem.Stated(MessageText.OneLine(problem).Trim()));

    public TError Error(YamlNode node, string field, string problem) => Error(At(node, field), problem);

    public TError Error(YamlNode node, string field, YamlProblem problem) => Error(At(node, field), problem);

    /// <summary>
    /// The documents of <paramref name="text"/>. Text that is not YAML is an error where it stops being YAML: a
    /// <see cref="YamlProblem.DuplicateKey"/> at the key's second occurrence (named by its field path), else a
    /// <see cref="YamlProblem.Syntax"/> with an empty field.
    /// </summary>
    public IList<YamlDocument> Parse(string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            if (YamlKeyPaths.FirstDuplicate(text) is { } duplicate)
            {
                throw Error(new YamlLocation(File, duplicate.Line, duplicate.Column, duplicate.Field), new YamlProblem.DuplicateKey(duplicate.Key));
            }

            // A tab in the indentation is reported where the scalar before it began; name the tab's own line.
            if (FirstTabIndentedLine(text) is { } tabbed && tabbed >= e.Start.Line)
            {
                throw Error(new YamlLocation(File, tabbed, 1, ""), new YamlProblem.Syntax("a tab in the indentation (YAML indents with spaces)", e));
            }

            throw Error(new YamlLocation(File, (int)e.Start.Line, (int)e.Start.Column, ""), new YamlProblem.Syntax(MessageText.OneLine(e.Message).Trim(), e));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet fails so on a few malformed texts (a tab before a key, a stray "[" after a list item). YAML indents
            // with spaces only, so a tab in a line's indentation is named where it is; otherwise the place is the last
            // thing the parser read.
            if (FirstTabIndentedLine(text) is { } tabbed)
            {
                throw Error(new YamlLocation(File, tabbed, 1, ""), new YamlProblem.Syntax("a tab in the indentation (YAML indents with spaces)", e));
            }

            var mark = parser.Current?.Start ?? Mark.Empty;
            throw Error(
                new YamlLocation(File, (int)mark.Line, (int)mark.Column, ""),
                new YamlProblem.Syntax("the text cannot be read past this point (look for indentation and unclosed brackets)", e));
        }

        return stream.Documents;
    }

    public YamlMappingNode Mapping(YamlNode node, string field) => Mapping(node, At(node, field));

    public YamlMappingNode Mapping(YamlNode node, YamlLocation at) =>
        node as YamlMappingNode ?? throw Error(at, new YamlProblem.NotAMapping());

    public YamlSequenceNode Sequence(YamlNode node, string field) => Sequence(node, At(node, field));

    public YamlSequenceNode Sequence(YamlNode node, YamlLocation at) =>
        node as YamlSequenceNode ?? throw Error(at, new YamlProblem.NotAList());

    /// <summary>A scalar's text (empty for <c>key:</c> with nothing after it).</summary>
    public string Text(YamlNode node, string field) => Text(node, At(node, field));

    /// <inheritdoc cref="Text(YamlNode, string)"/>
    public string Text(YamlNode node, YamlLocation at) =>
        node is YamlScalarNode { Value: { } text } ? text : throw Error(at, new YamlProblem.NotAValue());

    /// <summary>A finite number written as a number: a quoted "0.5" is text, not a number.</summary>
    public double Number(YamlNode node, string field) => Number(node, At(node, field));

    /// <inheritdoc cref="Number(YamlNode, string)"/>
    public double Number(YamlNode node, YamlLocation at)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(at, new YamlProblem.NotANumber(node is YamlSequenceNode ? "a list" : "a mapping"));
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            throw Error(at, new YamlProblem.NotANumber($"the string \"{scalar.Value}\" (numbers are written without quotes)"));
        }

        return YamlScalars.TryNumber(scalar.Value, out var number) ? number : throw Error(at, new YamlProblem.NotANumber($"'{scalar.Value}'"));
    }

    /// <summary>The value whose name the node's text is (names match exactly; a message lists them in this order).</summary>
    public T OneOf<T>(YamlNode node, string field, params ReadOnlySpan<(string Name, T Value)> choices) => OneOf(node, At(node, field), choices);

    /// <inheritdoc cref="OneOf{T}(YamlNode, string, ReadOnlySpan{ValueTuple{string, T}})"/>
    public T OneOf<T>(YamlNode node, YamlLocation at, params ReadOnlySpan<(string Name, T Value)> choices)
    {
        var text = Text(node, at);
        foreach (var (name, value) in choices)
        {
            if (name == text)
            {
                return value;
            }
        }

        var names = new string[choices.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = choices[i].Name;
        }

        throw Error(at, new YamlProblem.NotOneOf(text, names));
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; with <paramref name="hex"/> also 0x… .</summary>
    public int Integer(YamlNode node, string field, int min, int max, bool hex = false) => Integer(node, At(node, field), min, max, hex);

    /// <inheritdoc cref="Integer(YamlNode, string, int, int, bool)"/>
    public int Integer(YamlNode node, YamlLocation at, int min, int max, bool hex = false)
    {
        var text = Text(node, at);
        if (!YamlScalars.TryInteger(text, hex, out var value))
        {
            throw Error(at, new YamlProblem.NotAWholeNumber(text));
        }

        return value >= min && value <= max ? value : throw Error(at, new YamlProblem.OutOfRange(value, min, max));
    }

    /// <summary>true/yes/on or false/no/off, in any case.</summary>
    public bool Boolean(YamlNode node, string field) => Boolean(node, At(node, field));

    /// <inheritdoc cref="Boolean(YamlNode, string)"/>
    public bool Boolean(YamlNode node, YamlLocation at) => YamlScalars.TryBoolean(Text(node, at), out var value)
        ? value
        : throw Error(at, new YamlProblem.NotABoolean(Text(node, at)));

    /// <summary>
    /// The mapping's entries in file order, after checking that every key is text, is one of <paramref name="known"/>
    /// (empty: any key, e.g. names the user chooses) and comes once. <paramref name="field"/> is the mapping's path.
    /// </summary>
    public IReadOnlyList<YamlEntry> Entries(YamlMappingNode map, string field, IReadOnlyCollection<string> known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<YamlEntry>(map.Children.Count);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } text } ? text : throw Error(keyNode, field, new YamlProblem.KeyNotText());
            var at = At(keyNode, field.Length == 0 ? key : $"{field}.{key}");
            if (known.Count > 0 && !known.Contains(key))
            {
                throw Error(at, new YamlProblem.UnknownKey(key, field, known));
            }

            if (!seen.Add(key))
            {
                throw Error(at, new YamlProblem.DuplicateKey(key));
            }

            entries.Add(new YamlEntry(key, keyNode, value, at));
        }

        return entries;
    }

    /// <summary>The first line (1-based) whose indentation holds a tab, or null.</summary>
    private static int? FirstTabIndentedLine(string text)
    {
        var line = 1;
        var indenting = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                indenting = true;
            }
            else if (indenting && c == '\t')
            {
                return line;
            }
            else if (c != ' ')
            {
                indenting = false;
            }
        }

        return null;
    }
}
