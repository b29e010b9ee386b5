namespace ChargeTwin.Controller.Twin.Solver;

/// <summary>
/// The solver's answer: the admissible current (finite, in [0, I_max]), the constraint that bound it and that
/// constraint's slack at the answer (V for plating and voltage, K for temperature, A for the current and ramp
/// limits); <see cref="NothingAdmissible"/> when not even zero current keeps the envelope — the current is then 0
/// and <see cref="Binding"/> says which constraint fails at rest.
/// </summary>
public readonly record struct AdmissibleDecision(double Current_A, BindingConstraint Binding, double Slack, bool NothingAdmissible, int Evaluations);
