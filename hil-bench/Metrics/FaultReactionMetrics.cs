using ChargeTwin.Controller.Safety;
using ChargeTwin.HilBench.Faults;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// How the controller under test reacted to a scenario's injected faults, measured against the bench's truth:
/// <list type="bullet">
/// <item>onset — when the first fault began (its <c>at</c> time, or the control instant at which the true SOC reached
/// its <c>at_soc</c>) [s of charge time];</item>
/// <item>detection — the first instant sampled (every bus tick on the CAN link) at or after the onset at which the safety verdict the link reports is
/// not nominal, as a time after the onset, with the diagnosis row that gave it;</item>
/// <item>safe state — when the plant's terminal current (what the charger delivers: an internal short's own current
/// cannot be stopped, so it is not counted) first falls below <see cref="SafeCurrent_A"/> after the onset, interpolated
/// between samples (every bus tick on the CAN link, every control instant on the direct link), as a time after the onset.</item>
/// </list>
/// <item>reaction — when the detecting row's reaction is in force: the charger current below the safe current for a
/// stop, at or below the derate's current for a derate; and the margin to that row's FTTI (its fault-tolerant time
/// interval, from the diagnosis table) — the check the safety case asks: every fault handled within its row's FTTI.</item>
/// A time not reached in a scenario with a begun fault is +∞ (a limit on it then fails, as an FTTI check must); both are
/// NaN when no fault began. In a fault-free scenario every non-nominal verdict is a false alarm: their count (entries
/// into a non-nominal verdict at the sampled instants) and rate per hour of charge.
/// </summary>
public sealed class FaultReactionMetrics(FaultTimeline faults, double safeCurrent_A, Func<string, double>? ftti_s = null, bool monitored = true)
{
    /// <summary>Current above a derate's limit that still counts as the derate in force [A] (the stage's regulation).</summary>
    public const double DerateTolerance_A = 0.05;

    private readonly bool _faultFree = faults.Count == 0;
    private double _reactionCurrent_A = double.NaN;
    private double _reacted = double.NaN;
    private double _ftti = double.NaN;
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

        AddTick(chargeTime_s, verdict, terminalCurrent_A);
    }

    /// <summary>
    /// At any instant the link is sampled (a control instant, or a bus tick between them on the CAN link, where the
    /// monitor runs every tick): the verdict and the plant's terminal current.
    /// </summary>
    public void AddTick(double chargeTime_s, in SafetyVerdict verdict, double terminalCurrent_A)
    {
        _onset = faults.FirstOnset_s(chargeTime_s);
        var alarm = !verdict.IsNominal;
        if (_faultFree && alarm && !_alarmed)
        {
            _falseAlarms++;
            FirstFalseAlarm ??= verdict.DiagnosisId ?? verdict.Cause;
        }

        _alarmed = alarm;
        if (HasFault && alarm && double.IsNaN(_detected))
        {
            _detected = chargeTime_s;
            DetectingRow = verdict.DiagnosisId ?? verdict.Cause;
            _reactionCurrent_A = verdict.Reaction == SafetyReaction.Derate ? Math.Max(SafeCurrent_A, verdict.CurrentLimit_A + DerateTolerance_A) : SafeCurrent_A;
            _ftti = verdict.DiagnosisId is { } id && ftti_s is not null ? ftti_s(id) : double.NaN;
        }

        if (!double.IsNaN(_detected) && double.IsNaN(_reacted) && terminalCurrent_A <= _reactionCurrent_A)
        {
            _reacted = chargeTime_s;
        }

        if (!double.IsNaN(_onset) && double.IsNaN(_safe) && terminalCurrent_A < SafeCurrent_A)
        {
            // The crossing, linear between the last sample and this one, not before the onset.
            var crossing = chargeTime_s;
            if (!double.IsNaN(_lastTime) && _lastCurrent >= SafeCurrent_A && _lastCurrent != terminalCurrent_A)
            {
                crossing = _lastTime + ((chargeTime_s - _lastTime) * (_lastCurrent - SafeCurrent_A) / (_lastCurrent - terminalCurrent_A));
            }

            _safe = Math.Max(crossing, _onset);
        }

        _lastTime = chargeTime_s;
        _lastCurrent = terminalCurrent_A;
    }

    /// <summary>The row of the first false alarm in a fault-free scenario (null while none).</summary>
    public string? FirstFalseAlarm { get; private set; }

    /// <summary>Writes the metrics into <paramref name="values"/> (by <see cref="Metric"/>, base units).</summary>
    public void Fill(double[] values)
    {
        values[(int)Metric.FaultOnsetTime] = _onset;
        values[(int)Metric.FaultDetectionTime] = HasFault ? (double.IsNaN(_detected) ? double.PositiveInfinity : _detected - _onset) : double.NaN;
        values[(int)Metric.FaultSafeStateTime] = HasFault ? (double.IsNaN(_safe) ? double.PositiveInfinity : _safe - _onset) : double.NaN;
        var reaction = double.IsNaN(_reacted) ? double.PositiveInfinity : _reacted - _onset;
        values[(int)Metric.FaultReactionTime] = HasFault ? reaction : double.NaN;
        values[(int)Metric.FaultFttiMargin] = !HasFault ? double.NaN : double.IsNaN(_ftti) || double.IsInfinity(reaction) ? double.NegativeInfinity : _ftti - reaction;
        var hours = (_lastTime - _firstTime) / 3600;
        values[(int)Metric.FalseAlarms] = monitored && _faultFree && !double.IsNaN(_firstTime) ? _falseAlarms : double.NaN;
        values[(int)Metric.FalseAlarmRate] = monitored && _faultFree && hours > 0 ? _falseAlarms / hours : double.NaN;
        values[(int)Metric.WatchedTime] = !monitored || double.IsNaN(_firstTime) ? double.NaN : _lastTime - _firstTime;
    }
}
