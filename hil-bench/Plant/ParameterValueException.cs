namespace ChargeTwin.HilBench.Plant;

/// <summary>A parameter value the plant cannot use.</summary>
public sealed class ParameterValueException(string setName, string parameter, string problem)
    : Exception($"cell '{setName}': '{parameter}' {problem}")
{
    public string Parameter { get; } = parameter;
}
