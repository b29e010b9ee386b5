namespace ChargeTwin.HilBench.Metrics;

/// <summary>OpenHTF/OpenTAP verdicts, ordered: the worst of a set wins.</summary>
public enum Verdict
{
    Pass = 0,
    Inconclusive = 1,
    Fail = 2,
    Aborted = 3,
    Error = 4,
}

public static class Verdicts
{
    public static Verdict Worst(Verdict a, Verdict b) => (Verdict)Math.Max((int)a, (int)b);

    public static string Text(Verdict v) => v switch
    {
        Verdict.Pass => "PASS",
        Verdict.Inconclusive => "INCONCLUSIVE",
        Verdict.Fail => "FAIL",
        Verdict.Aborted => "ABORTED",
        _ => "ERROR",
    };
}
