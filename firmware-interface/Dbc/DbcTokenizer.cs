using System.Globalization;
using System.Text;

namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>Kinds of DBC tokens.</summary>
internal enum DbcTokenKind
{
    Identifier,
    Number,
    String,
    Punctuation,
    End,
}

/// <summary>One token with the line and column it starts on (both 1-based).</summary>
internal readonly record struct DbcToken(DbcTokenKind Kind, string Text, int Line, int Column)
{
    public override string ToString() => Kind switch
    {
        DbcTokenKind.End => "end of file",
        DbcTokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits DBC text into identifiers, numbers, quoted strings and punctuation, tracking lines.
/// A '+' or '-' starts a number only when a digit or '.' follows, so "@1+" and "@1-" stay apart.
/// </summary>
internal static class DbcTokenizer
{
    public static List<DbcToken> Tokenize(string text, string fileName)
    {
        var tokens = new List<DbcToken>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
                lineStart = i;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int column = i - lineStart + 1;
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                int startLine = line;
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new DbcFormatException(fileName, startLine, "string is not closed (missing '\"')");
                    }

                    char s = text[i];
                    if (s == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    {
                        sb.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (s == '"')
                    {
                        i++;
                        break;
                    }

                    if (s == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }

                    if (s != '\r')
                    {
                        sb.Append(s);
                    }

                    i++;
                }

                tokens.Add(new DbcToken(DbcTokenKind.String, sb.ToString(), startLine, column));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new DbcToken(DbcTokenKind.Identifier, text[start..i], line, column));
                continue;
            }

            bool signedNumber = (c == '+' || c == '-') && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.');
            if (char.IsAsciiDigit(c) || signedNumber || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                int start = i;
                i++;
                while (i < text.Length)
                {
                    char d = text[i];
                    bool exponentSign = (d == '+' || d == '-') && (text[i - 1] == 'e' || text[i - 1] == 'E');
                    if (char.IsAsciiLetterOrDigit(d) || d == '.' || exponentSign)
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens.Add(new DbcToken(DbcTokenKind.Number, text[start..i], line, column));
                continue;
            }

            if (":|@(),[];+-".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new DbcToken(DbcTokenKind.Punctuation, c.ToString(), line, column));
                i++;
                continue;
            }

            throw new DbcFormatException(fileName, line, $"unexpected character '{c}' at column {column}");
        }

        tokens.Add(new DbcToken(DbcTokenKind.End, string.Empty, line, 1));
        return tokens;
    }

    /// <summary>Parses a token's text as a number in invariant culture (decimal, 0x hex, exponent).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        string t = text;
        bool negative = false;
        if (t.StartsWith('-') || t.StartsWith('+'))
        {
            negative = t[0] == '-';
            t = t[1..];
        }

        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            bool ok = ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hex);
            value = negative ? -(double)hex : hex;
            return ok;
        }

        bool parsed = double.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
        if (negative)
        {
            value = -value;
        }

        return parsed && double.IsFinite(value);
    }
}
