namespace ChargeTwin.Controller.Session;

/// <summary>
/// What an inner controller knows beyond its setpoint that the session decides on: plating evidence and the solver's
/// admissible current. The twin gives it through <see cref="TwinInsight"/> (the twin could implement this itself
/// later); a controller without it (a baseline) gives no plating evidence and no admissible current. Reading it
/// allocates nothing.
/// </summary>
public interface IChargeInsight
{
    /// <summary>Plating evidence as a fraction of the detector's alarm threshold (0 none, 1 at the alarm); 0 when there is none.</summary>
    double PlatingEvidence { get; }

    /// <summary>The largest current the solver admits now [A]; +∞ when the controller has no solver.</summary>
    double AdmissibleCurrent_A { get; }

    /// <summary>True when even rest breaks a constraint: nothing is admissible.</summary>
    bool NothingAdmissible { get; }
}
