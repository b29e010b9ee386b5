namespace ChargeTwin.HilBench.Parameters;

/// <summary>
/// The value of each operation — one definition shared by constant folding and the compiled program,
/// so a folded constant is exactly what the program would have computed. Python's semantics:
/// min(a, b) is b only if b &lt; a, max(a, b) is b only if b &gt; a.
/// </summary>
internal static class MathSemantics
{
    public static double Unary(MathOperation operation, double a) => operation switch
    {
        MathOperation.Negate => -a,
        MathOperation.Exp => Math.Exp(a),
        MathOperation.Log => Math.Log(a),
        MathOperation.Log10 => Math.Log10(a),
        MathOperation.Sqrt => Math.Sqrt(a),
        MathOperation.Tanh => Math.Tanh(a),
        MathOperation.Sinh => Math.Sinh(a),
        MathOperation.Cosh => Math.Cosh(a),
        MathOperation.Abs => Math.Abs(a),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not a unary operation"),
    };

    public static double Binary(MathOperation operation, double a, double b) => operation switch
    {
        MathOperation.Add => a + b,
        MathOperation.Subtract => a - b,
        MathOperation.Multiply => a * b,
        MathOperation.Divide => a / b,
        MathOperation.Power => Power(a, b),
        MathOperation.Min => b < a ? b : a,
        MathOperation.Max => b > a ? b : a,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not a binary operation"),
    };

    /// <summary>a ** b; a square is computed as a product (exact).</summary>
    public static double Power(double a, double b) => b == 2 ? a * a : Math.Pow(a, b);
}
