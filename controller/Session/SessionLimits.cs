using System.Globalization;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The session's thresholds. The defaults suit a 5 A h cell with a 4.2 V limit (the bench's lgm50); every guard's
/// description in the exported diagram is written from these values.
/// </summary>
public sealed record SessionLimits
{
    /// <summary>Below this surface temperature the cell preconditions (heating requested) [K].</summary>
    public double ColdBelow_K { get; init; } = 278.15;

    /// <summary>Preconditioning ends once the surface temperature reaches this [K] (above <see cref="ColdBelow_K"/>: hysteresis).</summary>
    public double WarmFrom_K { get; init; } = 283.15;

    /// <summary>The most current while preconditioning, on top of what the solver admits [A] (+∞: the solver's word only).</summary>
    public double PreconditioningMaxCurrent_A { get; init; } = double.PositiveInfinity;

    /// <summary>FastCharge becomes Taper when the measured voltage reaches this [V].</summary>
    public double TaperFrom_V { get; init; } = 4.15;

    /// <summary>Taper ends (Complete) once the measured current has stayed at or below this [A] …</summary>
    public double CompleteBelow_A { get; init; } = 0.25;

    /// <summary>… for this long [s].</summary>
    public double CompleteHold_s { get; init; } = 30;

    /// <summary>Plating evidence, as a fraction of the detector's alarm threshold, at which the session recovers.</summary>
    public double PlatingEvidenceThreshold { get; init; } = 1;

    /// <summary>Plating evidence must fall below this fraction before another crossing counts (re-arm).</summary>
    public double PlatingEvidenceRearm { get; init; } = 0.5;

    /// <summary>Current during a plating recovery's rest [A] (0: the output is off).</summary>
    public double RecoveryCurrent_A { get; init; }

    /// <summary>How long a plating recovery rests before resuming [s] (0: resume at once, margin tightened).</summary>
    public double RecoveryRest_s { get; init; } = 60;

    /// <summary>Each recovery multiplies the session's current margin by this (in (0, 1]); a new charge starts again from 1.</summary>
    public double RecoveryCurrentScale { get; init; } = 0.8;

    /// <summary>Plausible measurement ranges (the twin's own gates).</summary>
    public double MinVoltage_V { get; init; } = 2.0;

    public double MaxVoltage_V { get; init; } = 5.0;

    public double MinTemperature_K { get; init; } = 233.15;

    public double MaxTemperature_K { get; init; } = 373.15;

    /// <summary>What is wrong with these limits as one line, or null when they can be used (Precheck's "limits loaded").</summary>
    public string? Problem()
    {
        if (!(ColdBelow_K > 0) || !(WarmFrom_K >= ColdBelow_K) || !double.IsFinite(WarmFrom_K))
        {
            return "temperatures: 0 K < cold-below ≤ warm-from, finite";
        }

        if (!(PreconditioningMaxCurrent_A >= 0) || !(RecoveryCurrent_A >= 0) || !double.IsFinite(RecoveryCurrent_A))
        {
            return "currents: preconditioning maximum ≥ 0, recovery current finite ≥ 0";
        }

        if (!(MinVoltage_V < TaperFrom_V) || !(TaperFrom_V < MaxVoltage_V) || !double.IsFinite(MaxVoltage_V) || !(MinTemperature_K < MaxTemperature_K) || !double.IsFinite(MaxTemperature_K))
        {
            return "voltages and temperatures: minimum < taper-from < maximum, finite";
        }

        if (!(CompleteBelow_A >= 0) || !(CompleteHold_s >= 0) || !(RecoveryRest_s >= 0) || !double.IsFinite(CompleteHold_s) || !double.IsFinite(RecoveryRest_s))
        {
            return "cut-off current, hold and rest times: finite ≥ 0";
        }

        if (!(PlatingEvidenceRearm >= 0) || !(PlatingEvidenceThreshold > PlatingEvidenceRearm) || !(RecoveryCurrentScale > 0) || !(RecoveryCurrentScale <= 1))
        {
            return "plating: 0 ≤ re-arm < threshold, recovery scale in (0, 1]";
        }

        return null;
    }

    internal static string Celsius(double kelvin) => (kelvin - 273.15).ToString("0.#", CultureInfo.InvariantCulture);

    internal static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
