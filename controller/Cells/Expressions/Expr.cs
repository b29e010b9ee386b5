namespace ChargeTwin.Cells;

/// <summary>
/// Syntax tree of a function expression. Local definitions are inlined by reference, so a tree may be
/// a DAG; the compiler evaluates a shared node once. <see cref="Column"/> is 1-based, for errors.
/// </summary>
internal abstract class Expr(int column)
{
    public int Column { get; } = column;
}

internal sealed class ConstantExpr(double value, int column) : Expr(column)
{
    public double Value { get; } = value;
}

internal sealed class ArgumentExpr(int index, int column) : Expr(column)
{
    public int Index { get; } = index;
}

/// <summary>param("name"): a scalar of the same set, read when the function is compiled for a set.</summary>
internal sealed class ParameterExpr(string name, int column) : Expr(column)
{
    public string Name { get; } = name;
}

internal sealed class UnaryExpr(MathOperation operation, Expr operand, int column) : Expr(column)
{
    public MathOperation Operation { get; } = operation;

    public Expr Operand { get; } = operand;
}

internal sealed class BinaryExpr(MathOperation operation, Expr left, Expr right, int column) : Expr(column)
{
    public MathOperation Operation { get; } = operation;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

/// <summary>table(...) / ltable(...): an interpolant of a two-column table applied to an expression.</summary>
internal sealed class TableExpr(PiecewiseCubic table, Expr argument, int column) : Expr(column)
{
    public PiecewiseCubic Table { get; } = table;

    public Expr Argument { get; } = argument;
}
