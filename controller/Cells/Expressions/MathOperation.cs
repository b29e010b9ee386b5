namespace ChargeTwin.Cells;

/// <summary>The operations of the expression language (unary and binary).</summary>
internal enum MathOperation
{
    // unary
    Negate,
    Exp,
    Log,
    Log10,
    Sqrt,
    Tanh,
    Sinh,
    Cosh,
    Abs,

    // binary
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Min,
    Max,
}
