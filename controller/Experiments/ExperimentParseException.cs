using System.Globalization;
using System.Text;

namespace ChargeTwin.Controller.Experiments;

/// <summary>
/// An experiment step that cannot be read; the message is one line naming the step and the problem (a control
/// character in the step, e.g. the '\r' of a Windows line end, is shown escaped so that it cannot break the line).
/// </summary>
public sealed class ExperimentParseException(string step, string problem)
    : Exception(step.Length > 0 ? $"experiment step '{Printable(step)}': {problem}" : $"experiment: {problem}")
{
    public string Step { get; } = step;

    /// <summary><paramref name="text"/> with control characters and line separators written as <c>\r</c>, <c>\n</c>, <c>\t</c> or <c>\uXXXX</c>.</summary>
    internal static string Printable(string text)
    {
        if (!text.Any(IsControl))
        {
            return text;
        }

        var printable = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            printable.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return printable.ToString();
    }

    private static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
