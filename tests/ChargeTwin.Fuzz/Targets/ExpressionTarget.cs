using System.Globalization;
using System.Text;
using ChargeTwin.Cells;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// An expression string as a cell file carries it: the input becomes the expression of a four-argument function
/// (c_e, c_s, c_max, T) in a small cell file, written as a YAML double-quoted scalar so that the YAML layer passes it
/// through unchanged; loaded, then evaluated with its gradient. A refusal must name the function's line (5).
/// </summary>
internal static class ExpressionTarget
{
    public const string File = "fuzz.yaml";

    private const string Function = "Negative electrode exchange-current density [A.m-2]";

    public static string Run(ReadOnlySpan<byte> data)
    {
        var path = Scratch.Write(File, Encoding.UTF8.GetBytes(CellText(Encoding.UTF8.GetString(data))));
        ParameterSet set;
        try
        {
            set = CellLibrary.Load(path);
        }
        catch (ParameterException e)
        {
            return Outcome.Refused(e, path + ":5: ", Scratch.Folder);
        }

        return Outcome.Ok(Evaluation.Summary(set));
    }

    /// <summary>The cell file around <paramref name="expression"/>: line 5 holds the function.</summary>
    public static string CellText(string expression) =>
        "name: Fuzz\n"
        + "parameters:\n  \"Maximum concentration in negative electrode [mol.m-3]\": 33133.0\n"
        + $"functions:\n  \"{Function}\": {Quote(expression)}\n";

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case < 0x20 or 0x7F or (>= 0x80 and < 0xA0) or 0xFEFF or 0x2028 or 0x2029 or 0xFFFD:
                    quoted.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
                    break;
                default: quoted.Append(rune.ToString()); break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
