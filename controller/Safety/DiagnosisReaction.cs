namespace ChargeTwin.Controller.Safety;

/// <summary>A row's reaction: what it does while active and, for a derate, the current it allows (charge positive).</summary>
public readonly record struct DiagnosisReaction(SafetyReaction Reaction, double Current_A)
{
    /// <summary>The current the verdict allows: the derate current, 0 for a stop, +∞ for none.</summary>
    public double Limit_A => Reaction switch
    {
        SafetyReaction.None => double.PositiveInfinity,
        SafetyReaction.Derate => Current_A,
        _ => 0,
    };

    /// <summary>True when this reaction is stronger than <paramref name="other"/>: more severe, or an equal derate to less current.</summary>
    public bool Outranks(DiagnosisReaction other) =>
        Reaction > other.Reaction || (Reaction == other.Reaction && Reaction == SafetyReaction.Derate && Current_A < other.Current_A);
}
