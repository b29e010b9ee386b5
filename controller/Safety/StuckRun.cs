namespace ChargeTwin.Controller.Safety;

/// <summary>
/// How long a channel has repeated one value exactly while something independent said it should have moved: either
/// a reference reading of the same quantity left a band (its range over the run exceeds it), or a gate held for the
/// whole run (the run restarts whenever the gate opens). A repeat is not evidence by itself: quantised sensors repeat
/// often, and an ideal one repeats whenever the cell rests.
/// </summary>
internal struct StuckRun
{
    private double _value;
    private double _runStart_s;
    private double _referenceMin;
    private double _referenceMax;
    private bool _started;

    /// <summary>The run's length [s] when its reference moved more than <paramref name="band"/>, else 0.</summary>
    public double AgainstReference(double t_s, double value, double reference, double band)
    {
        if (!_started || value != _value || double.IsNaN(reference))
        {
            Restart(t_s, value, reference);
            return 0;
        }

        _referenceMin = Math.Min(_referenceMin, reference);
        _referenceMax = Math.Max(_referenceMax, reference);
        return _referenceMax - _referenceMin > band ? t_s - _runStart_s : 0;
    }

    /// <summary>The run's length [s] while <paramref name="gate"/> has held since it began, else 0.</summary>
    public double WhileGated(double t_s, double value, bool gate)
    {
        if (!_started || value != _value || !gate)
        {
            Restart(t_s, value, double.NaN);
            return 0;
        }

        return t_s - _runStart_s;
    }

    private void Restart(double t_s, double value, double reference)
    {
        _started = true;
        _value = value;
        _runStart_s = t_s;
        _referenceMin = reference;
        _referenceMax = reference;
    }
}
