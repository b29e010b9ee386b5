namespace ChargeTwin.Cells;

/// <summary>An error in an expression at a 1-based column; the loader adds the file, line and key.</summary>
internal sealed class ExpressionException : Exception
{
    public ExpressionException(int column, string problem)
        : base($"column {column}: {problem}")
    {
        Column = column;
        Problem = problem;
    }

    public int Column { get; }

    public string Problem { get; }
}
