namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>How serious a communication fault is by default; the safety monitor decides the reaction.</summary>
public enum CommFaultSeverity
{
    /// <summary>Recorded only.</summary>
    Info,

    /// <summary>One bad frame; the last good value stays in use until the timeout.</summary>
    Warning,

    /// <summary>The data is no longer fresh: treat the message as lost.</summary>
    Lost,
}

/// <summary>One row of the communication diagnosis table.</summary>
/// <param name="Id">Stable identifier the safety case points at.</param>
/// <param name="Check">The check.</param>
/// <param name="Severity">Default severity.</param>
/// <param name="Meaning">What it means and what the supervisor does.</param>
public sealed record E2EDiagnosisRow(string Id, E2ECheck Check, CommFaultSeverity Severity, string Meaning);

/// <summary>
/// The single table of communication checks (foxBMS style): one row per check, its id and default severity.
/// The safety case cites these ids; <see cref="E2ESupervisor"/> counts every row.
/// </summary>
public static class E2EDiagnosisTable
{
    /// <summary>All rows, in the order of <see cref="E2ECheck"/>.</summary>
    public static IReadOnlyList<E2EDiagnosisRow> Rows { get; } =
    [
        new("COM-00", E2ECheck.Ok, CommFaultSeverity.Info, "frame accepted"),
        new("COM-01", E2ECheck.OkSomeLost, CommFaultSeverity.Info, "frame accepted; the counter gap shows lost frames (counted)"),
        new("COM-02", E2ECheck.NotDataFrame, CommFaultSeverity.Warning, "remote or error frame on the bus; ignored"),
        new("COM-03", E2ECheck.MalformedFrame, CommFaultSeverity.Warning, "identifier or DLC impossible for classic CAN; frame dropped"),
        new("COM-04", E2ECheck.UnknownId, CommFaultSeverity.Info, "identifier not in the DBC; frame dropped"),
        new("COM-05", E2ECheck.WrongDlc, CommFaultSeverity.Warning, "DLC differs from the DBC; frame dropped, last good value kept"),
        new("COM-06", E2ECheck.CrcError, CommFaultSeverity.Warning, "CRC-8 J1850 over data id and payload does not match; frame dropped"),
        new("COM-07", E2ECheck.InvalidCounter, CommFaultSeverity.Warning, "counter value 15 is never sent; frame dropped"),
        new("COM-08", E2ECheck.RepeatedCounter, CommFaultSeverity.Warning, "counter did not advance (stuck sender or repeated frame); frame dropped"),
        new("COM-09", E2ECheck.CounterJump, CommFaultSeverity.Warning, "counter jumped past the allowed gap; frame dropped, counter resynchronised"),
        new("COM-10", E2ECheck.Timeout, CommFaultSeverity.Lost, "no valid frame within MsgTimeoutTime; message marked lost"),
    ];

    /// <summary>The row of a check.</summary>
    public static E2EDiagnosisRow For(E2ECheck check) => Rows[(int)check];
}
