namespace ChargeTwin.Controller.Safety;

/// <summary>
/// A running total (the E2E supervisor's error counts, the loop's overruns) turned into a leaky bucket: each new
/// event adds 1, one event drains per drain time. A burst fills it; a steady trickle slower than the drain does not.
/// A total that goes down (a restarted counter) is taken as the new baseline.
/// </summary>
internal struct LeakyCounter
{
    private long _lastTotal;
    private double _lastTime_s;
    private bool _started;

    public double Level { get; private set; }

    public double Update(double t_s, long total, double drainTime_s)
    {
        if (!_started)
        {
            _started = true;
            _lastTotal = total;
            _lastTime_s = t_s;
            return Level;
        }

        var added = Math.Max(total - _lastTotal, 0);
        Level = Math.Max(Level - (t_s - _lastTime_s) / drainTime_s, 0) + added;
        _lastTotal = total;
        _lastTime_s = t_s;
        return Level;
    }
}
