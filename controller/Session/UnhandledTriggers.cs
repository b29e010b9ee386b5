namespace ChargeTwin.Controller.Session;

/// <summary>
/// Triggers the session could not take (no transition from the state, or its guard not met): counted, the last one
/// kept with its state and the guard that failed — never thrown, never dropped silently.
/// </summary>
public sealed class UnhandledTriggers
{
    public long Count { get; private set; }

    public SessionTrigger LastTrigger { get; private set; }

    public SessionState LastState { get; private set; }

    /// <summary>The last one's unmet guard descriptions joined, or "" when the state has no transition for it at all.</summary>
    public string LastUnmetGuards { get; private set; } = "";

    internal void Record(SessionState state, SessionTrigger trigger, ICollection<string>? unmetGuards)
    {
        Count++;
        LastTrigger = trigger;
        LastState = state;
        LastUnmetGuards = unmetGuards is null || unmetGuards.Count == 0 ? "" : string.Join("; ", unmetGuards);
    }
}
