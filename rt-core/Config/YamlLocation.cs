namespace ChargeTwin.RtCore.Config;

/// <summary>
/// Where a config error is: the file as the user named it, the 1-based line and column, and the field path
/// (keys joined by '.', list items add nothing: <c>sensors.bench.voltage.noise</c>; empty for the file as a whole).
/// Each reader shows what its exception type shows of it.
/// </summary>
public readonly record struct YamlLocation(string File, int Line, int Column, string Field);
