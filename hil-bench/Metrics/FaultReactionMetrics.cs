using ChargeTwin.Controller.Safety;
using ChargeTwin.HilBench.Faults;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// How the controller under test reacted to a scenario's injected faults, measured against the bench's truth:
/// <list type="bullet">
/// <item>onset — when the first fault began (its <c>at</c> time, or the control instant at which the true SOC reached
/// its <c>at_soc</c>) [s of charge time];</item>
/// <item>detection — the first control instant at or after the onset at which the safety verdict the link reports is
/// not nominal, as a time after the onset, with the diagnosis row that gave it;</item>
/// <item>safe state — when the plant's terminal current (what the charger delivers: an internal short's own current
/// cannot be stopped, so it is not counted) first falls below <see cref="SafeCurrent_A"/> after the onset, interpolated
/// between samples (every bus tick on the CAN link, every control instant on the direct link), as a time after the onset.</item>
/// </list>
/// A time not reached in a scenario with a begun fault is +∞ (a limit on it then fails, as an FTTI check must); both are
/// NaN when no fault began. In a fault-free scenario every non-nominal verdict is a false alarm: their count (entries
/// into a non-nominal verdict at control instants) and rate per hour of charge.
/// </summary>
public sealed class FaultReactionMetrics(FaultTimeline faults, double safeCurrent_A)
{
    private readonly bool _faultFree = faults.Count == 0;
    private double _onset = double.NaN;
    private double _detected = double.NaN;
    private double _safe = double.NaN;
    private double _lastTime = double.NaN;
    private double _lastCurrent;
    private double _firstTime = double.NaN;
    private bool _alarmed;
    private int _falseAlarms;

    /// <summary>The terminal current below which the charge counts as in its safe state [A] (C/20 on the bench).</summary>
    public double SafeCurrent_A { get; } = safeCurrent_A;

    /// <summary>The diagnosis row of the first non-nominal verdict after the onset ("" while none).</summary>
    public string DetectingRow { get; private set; } = "";

    public bool HasFault => !double.IsNaN(_onset);

    /// <summary>At a control instant: the verdict the link reports and the plant's terminal current.</summary>
    public void AddControlInstant(double chargeTime_s, in SafetyVerdict verdict, double terminalCurrent_A)
    {
        if (double.IsNaN(_firstTime))
        {
            _firstTime = chargeTime_s;
        }

        _onset = faults.FirstOnset_s(chargeTime_s);
        var alarm = !verdict.IsNominal;
        if (_faultFree && alarm && !_alarmed)
        {
            _falseAlarms++;
        }

        _alarmed = alarm;
        if (HasFault && alarm && double.IsNaN(_detected))
        {
            _detected = chargeTime_s;
            DetectingRow = verdict.DiagnosisId ?? verdict.Cause;
        }

        AddCurrent(chargeTime_s, terminalCurrent_A);
    }

    /// <summary>Between control instants (a bus tick): the plant's terminal current.</summary>
    public void AddCurrent(double chargeTime_s, double terminalCurrent_A)
    {
        var onset = faults.FirstOnset_s(chargeTime_s);
        if (!double.IsNaN(onset) && double.IsNaN(_safe) && terminalCurrent_A < SafeCurrent_A)
        {
            // The crossing, linear between the last sample and this one, not before the onset.
            var crossing = chargeTime_s;
            if (!double.IsNaN(_lastTime) && _lastCurrent >= SafeCurrent_A && _lastCurrent != terminalCurrent_A)
            {
                crossing = _lastTime + ((chargeTime_s - _lastTime) * (_lastCurrent - SafeCurrent_A) / (_lastCurrent - terminalCurrent_A));
            }

            _safe = Math.Max(crossing, onset);
        }

        _lastTime = chargeTime_s;
        _lastCurrent = terminalCurrent_A;
    }

    /// <summary>Writes the metrics into <paramref name="values"/> (by <see cref="Metric"/>, base units).</summary>
    public void Fill(double[] values)
    {
        values[(int)Metric.FaultOnsetTime] = _onset;
        values[(int)Metric.FaultDetectionTime] = HasFault ? (double.IsNaN(_detected) ? double.PositiveInfinity : _detected - _onset) : double.NaN;
        values[(int)Metric.FaultSafeStateTime] = HasFault ? (double.IsNaN(_safe) ? double.PositiveInfinity : _safe - _onset) : double.NaN;
        var hours = (_lastTime - _firstTime) / 3600;
        values[(int)Metric.FalseAlarms] = _faultFree && !double.IsNaN(_firstTime) ? _falseAlarms : double.NaN;
        values[(int)Metric.FalseAlarmRate] = _faultFree && hours > 0 ? _falseAlarms / hours : double.NaN;
        values[(int)Metric.WatchedTime] = double.IsNaN(_firstTime) ? double.NaN : _lastTime - _firstTime;
    }
}
