namespace ChargeTwin.Cells;

/// <summary>
/// A functional parameter of a cell, e.g. "Negative electrode OCP [V]"(x), compiled once. Evaluation
/// does not allocate, is thread-safe, and can return the exact gradient with respect to every argument
/// (forward-mode automatic differentiation), which the model's analytic Jacobian needs.
/// </summary>
public sealed class CellFunction
{
    private readonly FunctionProgram _program;
    private readonly int _argumentCount;

    internal CellFunction(string name, IReadOnlyList<string> arguments, string expression, FunctionProgram program)
    {
        if (program.ArgumentCount != arguments.Count)
        {
            throw new ArgumentException("program and signature disagree on the number of arguments", nameof(program));
        }

        Name = name;
        Arguments = arguments;
        Expression = expression;
        _program = program;
        _argumentCount = arguments.Count;
    }

    /// <summary>The parameter name, e.g. "Negative electrode OCP [V]".</summary>
    public string Name { get; }

    /// <summary>Argument names in call order, e.g. ["c_e", "c_s", "c_max", "T"].</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The source expression (or the constant), for diagnostics.</summary>
    public string Expression { get; }

    /// <summary>True if the function does not depend on any argument.</summary>
    public bool IsConstant => _program.IsConstant;

    /// <summary>f(args). <paramref name="args"/> must hold at least <see cref="Arguments"/>.Count values.</summary>
    public double Evaluate(ReadOnlySpan<double> args)
    {
        CheckArguments(args);
        return _program.Evaluate(args);
    }

    /// <summary>f(args), and ∂f/∂args[i] into <paramref name="gradient"/>[i] for every argument.</summary>
    public double Evaluate(ReadOnlySpan<double> args, Span<double> gradient)
    {
        CheckArguments(args);
        if (gradient.Length < _argumentCount)
        {
            ThrowTooShort(nameof(gradient), gradient.Length);
        }

        return _program.Evaluate(args, gradient);
    }

    /// <summary>False if ∂f/∂args[<paramref name="argumentIndex"/>] is identically zero.</summary>
    public bool DependsOn(int argumentIndex) => _program.DependsOn(argumentIndex);

    public override string ToString() => $"{Name}({string.Join(", ", Arguments)}) = {Expression}";

    private void CheckArguments(ReadOnlySpan<double> args)
    {
        if (args.Length < _argumentCount)
        {
            ThrowTooShort(nameof(args), args.Length);
        }
    }

    private void ThrowTooShort(string what, int length) =>
        throw new ArgumentException(
            $"'{Name}' takes {Arguments.Count} arguments ({string.Join(", ", Arguments)}); {what} has {length}", what);
}
