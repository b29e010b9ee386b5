namespace ChargeTwin.Controller.Safety;

/// <summary>How serious a row's fault is, for the safety case and the report (the reaction is the row's own).</summary>
public enum DiagnosisSeverity
{
    Info,
    Warning,
    Critical,
    Fatal,
}
