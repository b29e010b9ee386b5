using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Logs;

/// <summary>One line of a candump log: when, on which interface, which frame.</summary>
/// <param name="UnixTimeNs">Wall-clock time in nanoseconds since 1970 (the log keeps microseconds).</param>
/// <param name="Interface">Interface name, e.g. can0.</param>
/// <param name="Frame">The frame (its TimestampNs is set to <paramref name="UnixTimeNs"/>).</param>
/// <param name="Direction">'R' or 'T' when the line carried a direction flag (as asc2log writes), else '\0'.</param>
public readonly record struct CandumpRecord(long UnixTimeNs, string Interface, CanFrame Frame, char Direction = '\0');
