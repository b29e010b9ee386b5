namespace ChargeTwin.HilBench.Link;

/// <summary>The external controller sent nothing within its connect timeout (the power stage's output was never on).</summary>
public sealed class ControllerUnreachableException(string message) : IOException(message);
