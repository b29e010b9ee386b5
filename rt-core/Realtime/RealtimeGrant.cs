namespace ChargeTwin.RtCore.Realtime;

/// <summary>What became of one real-time request.</summary>
public enum RealtimeGrantState
{
    NotRequested,
    Granted,
    Refused,
}

/// <summary>One request's outcome, with the system's reason when refused (e.g. "Operation not permitted" without CAP_SYS_NICE).</summary>
public readonly record struct RealtimeGrant(string What, RealtimeGrantState State, string Detail)
{
    public override string ToString() => State switch
    {
        RealtimeGrantState.NotRequested => $"{What}: not requested",
        RealtimeGrantState.Granted => $"{What}: granted{(Detail.Length > 0 ? " (" + Detail + ")" : "")}",
        _ => $"{What}: refused ({Detail})",
    };
}
