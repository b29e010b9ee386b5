using System.Globalization;

namespace ChargeTwin.Cells;

/// <summary>Splits an expression into tokens.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text, bool caretIsPower)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    var exponent = i + 1;
                    if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
                    {
                        exponent++;
                    }

                    if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
                    {
                        i = exponent;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }
                    else
                    {
                        throw new ExpressionException(i + 1, $"malformed number '{text[start..Math.Min(exponent + 1, text.Length)]}'");
                    }
                }

                if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
                {
                    throw new ExpressionException(i + 1, $"unexpected '{text[i]}' after the number '{text[start..i]}'");
                }

                var literal = text[start..i];
                tokens.Add(new Token(TokenKind.Number, literal, column, double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture)));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i], column));
                continue;
            }

            if (c == '"' || c == '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new ExpressionException(column, $"unterminated string (missing closing {c})");
                }

                tokens.Add(new Token(TokenKind.String, text[(i + 1)..end], column));
                i = end + 1;
                continue;
            }

            switch (c)
            {
                case '+': tokens.Add(new Token(TokenKind.Plus, "+", column)); break;
                case '-': tokens.Add(new Token(TokenKind.Minus, "-", column)); break;
                case '/': tokens.Add(new Token(TokenKind.Slash, "/", column)); break;
                case '(': tokens.Add(new Token(TokenKind.LeftParen, "(", column)); break;
                case ')': tokens.Add(new Token(TokenKind.RightParen, ")", column)); break;
                case ',': tokens.Add(new Token(TokenKind.Comma, ",", column)); break;
                case ';': tokens.Add(new Token(TokenKind.Semicolon, ";", column)); break;
                case '=': tokens.Add(new Token(TokenKind.Equals, "=", column)); break;
                case '*':
                    if (i + 1 < text.Length && text[i + 1] == '*')
                    {
                        tokens.Add(new Token(TokenKind.Power, "**", column));
                        i++;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Star, "*", column));
                    }

                    break;
                case '^':
                    if (!caretIsPower)
                    {
                        throw new ExpressionException(column, "'^' is not a power in Python syntax (it is bitwise xor); write '**'");
                    }

                    tokens.Add(new Token(TokenKind.Power, "^", column));
                    break;
                default:
                    throw new ExpressionException(column, $"unexpected character '{c}'");
            }

            i++;
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }
}
