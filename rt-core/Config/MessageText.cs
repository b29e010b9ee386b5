namespace ChargeTwin.RtCore.Config;

/// <summary>Text for a reader's one-line error message.</summary>
public static class MessageText
{
    private const string LineEnds = "\r\n\f\v\u0085\u2028\u2029";

    /// <summary>
    /// <paramref name="text"/> on one line: every line end .NET or a terminal knows (CR, LF, FF, VT, NEL, LS, PS) becomes
    /// a space, so a message that quotes the input — a scalar spanning lines, a key with a form feed, a DBC string —
    /// stays one line.
    /// </summary>
    public static string OneLine(string text) =>
        text.AsSpan().IndexOfAny(LineEnds) < 0 ? text : string.Concat(text.Select(c => LineEnds.Contains(c, StringComparison.Ordinal) ? ' ' : c));
}
