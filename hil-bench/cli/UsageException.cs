namespace ChargeTwin.Bench;

/// <summary>A command-line argument the program cannot use.</summary>
public sealed class UsageException(string message) : Exception(message);
