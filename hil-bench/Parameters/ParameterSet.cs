namespace ChargeTwin.HilBench.Parameters;

// TEMPORARY stand-in with the agreed public surface, replaced by the cell-parameters branch.
public sealed class ParameterSet
{
    public string Name { get; } = "";
    public string Source { get; } = "";
    public IReadOnlyList<string> Citations { get; } = [];
    public double Scalar(string name) => throw new NotImplementedException(name);
    public bool TryGetScalar(string name, out double value) { value = 0; return false; }
    public bool Contains(string name) => false;
    public CellFunction Function(string name) => throw new NotImplementedException(name);
    public ParameterSet With(string name, double value) => this;
}

public sealed class CellFunction
{
    public string Name { get; } = "";
    public IReadOnlyList<string> Arguments { get; } = [];
    public double Evaluate(ReadOnlySpan<double> args) => throw new NotImplementedException();
    public double Evaluate(ReadOnlySpan<double> args, Span<double> gradient) => throw new NotImplementedException();
    public bool DependsOn(int argumentIndex) => true;
}
