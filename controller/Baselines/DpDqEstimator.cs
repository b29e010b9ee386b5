namespace ChargeTwin.Controller.Baselines;

/// <summary>
/// dP/dQ from measurements: least-squares slope of stack pressure against counted charge over a sliding
/// time window (ring buffer, no allocation per sample). NaN until the window holds enough charge.
/// </summary>
public sealed class DpDqEstimator
{
    private readonly double _window_s;
    private readonly double _minimumCharge_Ah;
    private readonly double[] _t;
    private readonly double[] _q;
    private readonly double[] _p;
    private int _start;
    private int _count;

    public DpDqEstimator(double window_s, double period_s, double minimumCharge_Ah = 0.01)
    {
        _window_s = window_s;
        _minimumCharge_Ah = minimumCharge_Ah;
        var n = (int)Math.Ceiling(window_s / period_s) + 2;
        _t = new double[n];
        _q = new double[n];
        _p = new double[n];
    }

    /// <summary>Adds a sample and returns the current slope [Pa/(A h)].</summary>
    public double Add(double t_s, double charge_Ah, double pressure_Pa)
    {
        if (_count == _t.Length)
        {
            _start = (_start + 1) % _t.Length;
            _count--;
        }

        var i = (_start + _count) % _t.Length;
        _t[i] = t_s;
        _q[i] = charge_Ah;
        _p[i] = pressure_Pa;
        _count++;
        while (_count > 2 && t_s - _t[_start] > _window_s)
        {
            _start = (_start + 1) % _t.Length;
            _count--;
        }

        return Slope();
    }

    public double Slope()
    {
        if (_count < 3)
        {
            return double.NaN;
        }

        double mq = 0, mp = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = (_start + k) % _t.Length;
            mq += _q[i];
            mp += _p[i];
        }

        mq /= _count;
        mp /= _count;
        double sqq = 0, sqp = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = (_start + k) % _t.Length;
            var dq = _q[i] - mq;
            sqq += dq * dq;
            sqp += dq * (_p[i] - mp);
        }

        var first = _q[_start];
        var last = _q[(_start + _count - 1) % _t.Length];
        return Math.Abs(last - first) < _minimumCharge_Ah || sqq <= 0 ? double.NaN : sqp / sqq;
    }
}
