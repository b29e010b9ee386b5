namespace ChargeTwin.Fuzz;

/// <summary>
/// What one input gave, as one line: <c>ok: …</c> (a result, summarised) or <c>refused: …</c> (the reader's own
/// one-line located error, the scratch folder taken out so the line is the same on every machine).
/// </summary>
public static class Outcome
{
    /// <summary>What .NET (string.ReplaceLineEndings) and a terminal take for a line end.</summary>
    private const string LineBreaks = "\r\n\f\u0085\u2028\u2029";

    public static string Ok(string summary) => $"ok: {summary}";

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => LineBreaks.Contains(c, StringComparison.Ordinal) ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>
    /// The refusal line, after checking it: one line, non-empty, and starting with <paramref name="location"/> (the
    /// file as the reader was told to name it, or the step) — otherwise a <see cref="ContractViolationException"/>.
    /// </summary>
    public static string Refused(Exception error, string location, string? scratch = null)
    {
        var message = error.Message;
        if (message.Length == 0 || message.AsSpan().IndexOfAny(LineBreaks) >= 0)
        {
            throw new ContractViolationException($"{error.GetType().Name} is not one line: {Escaped(message)}");
        }

        if (!message.StartsWith(location, StringComparison.Ordinal))
        {
            throw new ContractViolationException($"{error.GetType().Name} does not start with its location '{location}': {message}");
        }

        return "refused: " + (scratch is null ? message : message.Replace(scratch, "", StringComparison.Ordinal));
    }
}
