namespace ChargeTwin.Controller.Contract;

/// <summary>
/// A charging controller. It sees only measurements and time since the charge began, and is called once per
/// control period (on the bench's virtual clock, or on the host's real one). The bench's oracle, its physical
/// reference, is the one controller built with access to the true plant — and it lives in the bench, which this
/// assembly cannot reference.
/// </summary>
public interface IChargeController
{
    string Name { get; }

    Setpoint Step(in MeasuredSample measured, double chargeTime_s);

    /// <summary>Its SOC estimate with σ (<see cref="Estimate.None"/> when it keeps none).</summary>
    Estimate StateOfCharge => Estimate.None;

    /// <summary>
    /// Its estimator's normalised innovation squared for the last voltage reading (ν²/S; NaN when it keeps no
    /// estimator or made no update) — what the safety monitor's estimator-divergence row tests.
    /// </summary>
    double InnovationNis => double.NaN;
}
