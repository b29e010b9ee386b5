using System.Globalization;

namespace ChargeTwin.RtCore.Config;

/// <summary>
/// What is wrong at one place of a YAML file. <see cref="Message"/> is the helper's wording; a reader's error factory
/// (<see cref="YamlErrorFactory{TError}"/>) passes it on or words a kind its own way, so that every reader keeps its
/// messages.
/// </summary>
public abstract record YamlProblem
{
    private protected YamlProblem()
    {
    }

    /// <summary>The problem in words, without the location.</summary>
    public abstract string Message { get; }

    public sealed override string ToString() => Message;

    /// <summary>A reader's own words: a check only that reader makes.</summary>
    public sealed record Stated(string Text) : YamlProblem
    {
        public override string Message => Text;
    }

    /// <summary>The text is not YAML; <paramref name="Detail"/> is the parser's one-line reason.</summary>
    public sealed record Syntax(string Detail, Exception Cause) : YamlProblem
    {
        public override string Message => $"not valid YAML: {Detail}";
    }

    /// <summary>A key written twice in one mapping (at the second).</summary>
    public sealed record DuplicateKey(string Key) : YamlProblem
    {
        public override string Message => "duplicate key";
    }

    /// <summary>A key the mapping <paramref name="Mapping"/> (its field path; empty at the top) does not have.</summary>
    public sealed record UnknownKey(string Key, string Mapping, IReadOnlyCollection<string> Known) : YamlProblem
    {
        /// <summary>" (did you mean 'a' or 'b'?)", or empty when no known key is close.</summary>
        public string DidYouMean => NameSuggestions.DidYouMean(Key, Known);

        public string KnownList => string.Join(", ", Known);

        public override string Message => DidYouMean.Length == 0 ? $"unknown key (expected one of: {KnownList})" : $"unknown key{DidYouMean}";
    }

    /// <summary>A key that is a list or a mapping.</summary>
    public sealed record KeyNotText : YamlProblem
    {
        public override string Message => "a key must be plain text";
    }

    public sealed record NotAMapping : YamlProblem
    {
        public override string Message => "expected a mapping (key: value lines)";
    }

    public sealed record NotAList : YamlProblem
    {
        public override string Message => "expected a list ([a, b] or '- ' lines)";
    }

    /// <summary>A list or a mapping where one value (a scalar) belongs.</summary>
    public sealed record NotAValue : YamlProblem
    {
        public override string Message => "expected a single value";
    }

    /// <summary>Not a finite number; <paramref name="Got"/> says what it is instead ("a list", "'abc'", …).</summary>
    public sealed record NotANumber(string Got) : YamlProblem
    {
        public override string Message => $"expected a number, got {MessageText.OneLine(Got)}";
    }

    /// <summary>A text that names none of the choices <paramref name="Names"/>.</summary>
    public sealed record NotOneOf(string Text, IReadOnlyList<string> Names) : YamlProblem
    {
        /// <summary>"a, b or c".</summary>
        public string Choices => Names.Count < 2 ? string.Join("", Names) : $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}";

        public override string Message => $"'{MessageText.OneLine(Text)}': expected {Choices}";
    }

    public sealed record NotAWholeNumber(string Text) : YamlProblem
    {
        public override string Message => $"'{MessageText.OneLine(Text)}' is not a whole number";
    }

    public sealed record OutOfRange(long Value, long Min, long Max) : YamlProblem
    {
        public override string Message => string.Create(CultureInfo.InvariantCulture, $"{Value} is out of range ({Min}–{Max})");
    }

    public sealed record NotABoolean(string Text) : YamlProblem
    {
        public override string Message => $"'{MessageText.OneLine(Text)}' is not true or false";
    }
}
