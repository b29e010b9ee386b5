namespace ChargeTwin.Controller.Session;

/// <summary>One transition of the session: from, to, by which trigger, at what charge time [s].</summary>
public readonly record struct SessionTransition(SessionState From, SessionState To, SessionTrigger Trigger, double Time_s);
