namespace ChargeTwin.Cells;

/// <summary>
/// Instructions of a compiled function. Operands are slots (A, B); the K variants take a folded
/// constant K instead of a second slot ("R" variants put the constant on the left: k − a, k / a, k ** a).
/// </summary>
internal enum OpCode : byte
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Min,
    Max,
    AddK,
    MultiplyK,
    DivideK,
    ReverseSubtractK,
    ReverseDivideK,
    PowerK,
    ReversePowerK,
    MinK,
    MaxK,
    Negate,
    Exp,
    Log,
    Log10,
    Sqrt,
    Tanh,
    Sinh,
    Cosh,
    Abs,
    Table,
}
