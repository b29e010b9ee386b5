using ChargeTwin.RtCore.Config;

namespace ChargeTwin.Cells;

/// <summary>
/// Recursive-descent parser of the expression language. Precedence, lowest first, as in Python:
/// + − ; * / ; unary − + ; ** ^ (right-associative, the exponent may carry a sign: 2**-1).
/// So -x**2 = -(x**2) and 2**3**2 = 2**9. A program is zero or more definitions "name = expr;"
/// followed by the final expression; definitions are inlined by reference (no re-evaluation).
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<Token> _tokens;
    private readonly ExpressionDialect _dialect;
    private readonly Dictionary<string, Expr> _locals = new(StringComparer.Ordinal);
    private int _position;

    private ExpressionParser(List<Token> tokens, ExpressionDialect dialect)
    {
        _tokens = tokens;
        _dialect = dialect;
    }

    private Token Current => _tokens[_position];

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionException"/> with the column.</summary>
    public static Expr Parse(string text, ExpressionDialect dialect)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpressionException(1, "empty expression");
        }

        var parser = new ExpressionParser(Lexer.Tokenize(text, caretIsPower: dialect.CellLanguage), dialect);
        return parser.ParseProgram();
    }

    private Expr ParseProgram()
    {
        while (Current.Kind == TokenKind.Name && _tokens[_position + 1].Kind == TokenKind.Equals)
        {
            var name = Current;
            if (!_dialect.CellLanguage)
            {
                throw new ExpressionException(name.Column, "definitions 'name = ...' are not allowed here");
            }

            CheckDefinableName(name);
            _position += 2;
            var value = ParseExpression();
            if (Current.Kind != TokenKind.Semicolon)
            {
                throw new ExpressionException(Current.Column, $"expected ';' after the definition of '{name.Text}', found {Describe(Current)}");
            }

            _position++;
            _locals[name.Text] = value;
        }

        var result = ParseExpression();
        if (Current.Kind == TokenKind.Semicolon)
        {
            throw new ExpressionException(
                Current.Column, "unexpected ';': only definitions 'name = expression;' may come before the final expression");
        }

        if (Current.Kind != TokenKind.End)
        {
            throw new ExpressionException(Current.Column, $"unexpected {Describe(Current)}");
        }

        return result;
    }

    private void CheckDefinableName(Token name)
    {
        if (_dialect.Variables.ContainsKey(name.Text))
        {
            throw new ExpressionException(name.Column, $"'{name.Text}' is an argument and cannot be redefined");
        }

        if (ExpressionDialect.Constants.ContainsKey(name.Text))
        {
            throw new ExpressionException(name.Column, $"'{name.Text}' is a constant and cannot be redefined");
        }

        if (_dialect.Functions.Contains(name.Text))
        {
            throw new ExpressionException(name.Column, $"'{name.Text}' is a function and cannot be redefined");
        }

        if (_locals.ContainsKey(name.Text))
        {
            throw new ExpressionException(name.Column, $"'{name.Text}' is already defined");
        }
    }

    private Expr ParseExpression()
    {
        var left = ParseTerm();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current;
            _position++;
            var right = ParseTerm();
            left = new BinaryExpr(op.Kind == TokenKind.Plus ? MathOperation.Add : MathOperation.Subtract, left, right, op.Column);
        }

        return left;
    }

    private Expr ParseTerm()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Current;
            _position++;
            var right = ParseUnary();
            left = new BinaryExpr(op.Kind == TokenKind.Star ? MathOperation.Multiply : MathOperation.Divide, left, right, op.Column);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var token = Current;
        if (token.Kind == TokenKind.Minus)
        {
            _position++;
            return new UnaryExpr(MathOperation.Negate, ParseUnary(), token.Column);
        }

        if (token.Kind == TokenKind.Plus)
        {
            _position++;
            return ParseUnary();
        }

        return ParsePower();
    }

    private Expr ParsePower()
    {
        var baseExpr = ParsePrimary();
        if (Current.Kind != TokenKind.Power)
        {
            return baseExpr;
        }

        var op = Current;
        _position++;
        var exponent = ParseUnary(); // right-associative; binds tighter than a unary minus on its left
        return new BinaryExpr(MathOperation.Power, baseExpr, exponent, op.Column);
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _position++;
                return new ConstantExpr(token.Number, token.Column);
            case TokenKind.LeftParen:
            {
                _position++;
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            }

            case TokenKind.Name:
                _position++;
                return Current.Kind == TokenKind.LeftParen ? ParseCall(token) : ResolveName(token);
            case TokenKind.String:
                throw new ExpressionException(token.Column, "a quoted string is only allowed as the first argument of param(), table(), ltable() or mtable()");
            case TokenKind.End:
                throw new ExpressionException(token.Column, "unexpected end of expression");
            default:
                throw new ExpressionException(token.Column, $"expected a number, a name or '(', found {Describe(token)}");
        }
    }

    private Expr ResolveName(Token name)
    {
        if (_locals.TryGetValue(name.Text, out var local))
        {
            return local;
        }

        if (_dialect.Variables.TryGetValue(name.Text, out var index))
        {
            return new ArgumentExpr(index, name.Column);
        }

        if (_dialect.CellLanguage && ExpressionDialect.Constants.TryGetValue(name.Text, out var constant))
        {
            return new ConstantExpr(constant, name.Column);
        }

        if (_dialect.Functions.Contains(name.Text))
        {
            throw new ExpressionException(name.Column, $"'{name.Text}' is a function: write {name.Text}(...)");
        }

        var locals = _locals.Count == 0 ? "" : $"; defined here: {string.Join(", ", _locals.Keys)}";
        throw new ExpressionException(name.Column, $"unknown name '{name.Text}' ({_dialect.VariablesDescription}{locals})");
    }

    private Expr ParseCall(Token name)
    {
        if (!_dialect.Functions.Contains(name.Text))
        {
            var close = NameSuggestions.Closest(name.Text, _dialect.Functions);
            var hint = close.Count > 0
                ? $"did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?"
                : $"functions are {string.Join(", ", _dialect.Functions.Order(StringComparer.Ordinal))}";
            throw new ExpressionException(name.Column, $"unknown function '{name.Text}' ({hint})");
        }

        Expect(TokenKind.LeftParen, "'('");
        switch (name.Text)
        {
            case "param":
            {
                var parameter = ExpectString(name, "param(\"Exact parameter name [unit]\")");
                Expect(TokenKind.RightParen, "')'");
                return new ParameterExpr(parameter.Text, name.Column);
            }

            case "table":
            case "ltable":
            case "mtable":
            {
                var smoothed = name.Text == "mtable";
                var path = ExpectString(name, smoothed ? "mtable(\"ocp/file.csv\", x, width)" : $"{name.Text}(\"ocp/file.csv\", x)");
                Expect(TokenKind.Comma, "','");
                var argument = ParseExpression();
                var width = 0.0;
                if (smoothed)
                {
                    Expect(TokenKind.Comma, "',' and the smoothing width");
                    var token = Current;
                    if (token.Kind != TokenKind.Number || !(token.Number > 0))
                    {
                        throw new ExpressionException(token.Column, $"mtable() needs a positive number as its smoothing width (in units of x), found {Describe(token)}");
                    }

                    _position++;
                    width = token.Number;
                }

                Expect(TokenKind.RightParen, "')'");
                var loader = _dialect.TableLoader
                    ?? throw new ExpressionException(name.Column, $"{name.Text}() is not available here");
                var kind = smoothed ? TableInterpolation.MonotoneSmoothed : name.Text == "table" ? TableInterpolation.Cubic : TableInterpolation.Linear;
                return new TableExpr(loader(path.Text, kind, width), argument, name.Column);
            }
        }

        var arguments = new List<Expr>();
        if (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseExpression());
            while (Current.Kind == TokenKind.Comma)
            {
                _position++;
                arguments.Add(ParseExpression());
            }
        }

        Expect(TokenKind.RightParen, "')' or ','");
        return name.Text switch
        {
            "exp" => Unary(MathOperation.Exp),
            "log" => Unary(MathOperation.Log),
            "log10" => Unary(MathOperation.Log10),
            "sqrt" => Unary(MathOperation.Sqrt),
            "tanh" => Unary(MathOperation.Tanh),
            "sinh" => Unary(MathOperation.Sinh),
            "cosh" => Unary(MathOperation.Cosh),
            "abs" => Unary(MathOperation.Abs),
            "min" => Binary(MathOperation.Min),
            "max" => Binary(MathOperation.Max),
            "pow" => Binary(MathOperation.Power),
            "arr" => Arrhenius(),
            _ => throw new ExpressionException(name.Column, $"unknown function '{name.Text}'"),
        };

        Expr Unary(MathOperation operation)
        {
            CheckArity(1);
            return new UnaryExpr(operation, arguments[0], name.Column);
        }

        Expr Binary(MathOperation operation)
        {
            CheckArity(2);
            return new BinaryExpr(operation, arguments[0], arguments[1], name.Column);
        }

        Expr Arrhenius()
        {
            CheckArity(2);
            if (_dialect.TemperatureArgument is not { } temperature)
            {
                throw new ExpressionException(
                    name.Column, $"arr(E, Tref) needs the temperature T, which is not an argument of this function ({_dialect.VariablesDescription})");
            }

            // exp(E / R * (1 / Tref - 1 / T)), the Arrhenius factor relative to Tref
            var column = name.Column;
            var one = new ConstantExpr(1, column);
            var exponent = new BinaryExpr(
                MathOperation.Multiply,
                new BinaryExpr(MathOperation.Divide, arguments[0], new ConstantExpr(ExpressionDialect.Constants["R"], column), column),
                new BinaryExpr(
                    MathOperation.Subtract,
                    new BinaryExpr(MathOperation.Divide, one, arguments[1], column),
                    new BinaryExpr(MathOperation.Divide, one, new ArgumentExpr(temperature, column), column),
                    column),
                column);
            return new UnaryExpr(MathOperation.Exp, exponent, column);
        }

        void CheckArity(int expected)
        {
            if (arguments.Count != expected)
            {
                var noun = expected == 1 ? "argument" : "arguments";
                throw new ExpressionException(name.Column, $"{name.Text}() takes {expected} {noun}, got {arguments.Count}");
            }
        }
    }

    private Token ExpectString(Token function, string example)
    {
        var token = Current;
        if (token.Kind != TokenKind.String)
        {
            throw new ExpressionException(token.Column, $"{function.Text}() needs a quoted name first, e.g. {example}");
        }

        _position++;
        return token;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new ExpressionException(Current.Column, $"expected {what}, found {Describe(Current)}");
        }

        _position++;
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => $"the string '{token.Text}'",
        _ => $"'{token.Text}'",
    };
}
