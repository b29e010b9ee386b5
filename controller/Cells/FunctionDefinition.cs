using ChargeTwin.RtCore.Config;

namespace ChargeTwin.Cells;

/// <summary>
/// A parsed, not yet compiled, functional parameter: its expression tree and where it came from.
/// It is compiled against the scalars of a set, so that param("...") sees that set's values.
/// </summary>
internal sealed class FunctionDefinition
{
    public FunctionDefinition(string name, IReadOnlyList<string> arguments, string expression, Expr body, SourceLocation location)
    {
        Name = name;
        Arguments = arguments;
        Expression = expression;
        Body = body;
        Location = location;
        ReferencedParameters = CollectParameters(body);
    }

    public string Name { get; }

    public IReadOnlyList<string> Arguments { get; }

    public string Expression { get; }

    public Expr Body { get; }

    public SourceLocation Location { get; }

    /// <summary>Names used in param("...").</summary>
    public IReadOnlySet<string> ReferencedParameters { get; }

    /// <summary>Compiles against <paramref name="scalars"/>; a param() naming no scalar is an error at this definition.</summary>
    public CellFunction Compile(IReadOnlyDictionary<string, double> scalars, IReadOnlyDictionary<string, FunctionDefinition> functions)
    {
        try
        {
            var program = ExpressionCompiler.Compile(Body, Arguments.Count, parameter =>
            {
                if (scalars.TryGetValue(parameter.Name, out var value))
                {
                    return value;
                }

                if (functions.ContainsKey(parameter.Name))
                {
                    throw new ExpressionException(parameter.Column, $"param(\"{parameter.Name}\"): that is a function, not a scalar");
                }

                throw new ExpressionException(
                    parameter.Column,
                    $"param(\"{parameter.Name}\"): this cell has no such scalar parameter{NameSuggestions.DidYouMean(parameter.Name, scalars.Keys)}");
            });
            return new CellFunction(Name, Arguments, Expression, program);
        }
        catch (ExpressionException e)
        {
            throw Location.Error(e.Message, e);
        }
    }

    private static HashSet<string> CollectParameters(Expr root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Expr>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            switch (node)
            {
                case ParameterExpr parameter:
                    names.Add(parameter.Name);
                    break;
                case UnaryExpr unary:
                    pending.Push(unary.Operand);
                    break;
                case BinaryExpr binary:
                    pending.Push(binary.Left);
                    pending.Push(binary.Right);
                    break;
                case TableExpr table:
                    pending.Push(table.Argument);
                    break;
            }
        }

        return names;
    }
}
