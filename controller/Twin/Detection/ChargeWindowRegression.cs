namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// Least-squares slopes of a measured series y and its expectation x against counted charge q over a sliding
/// window of the last <c>window_Ah</c> of charge (a preallocated ring buffer; nothing allocated per sample). The
/// slope of the difference y − g·x and its standard error come from the same window, so the expectation's own
/// curvature cancels instead of inflating the error.
/// </summary>
public sealed class ChargeWindowRegression
{
    private readonly double _window_Ah;
    private readonly double[] _q;
    private readonly double[] _y;
    private readonly double[] _x;
    private int _start;
    private int _count;
    private double _sqq;
    private double _sqy;
    private double _sqx;
    private double _syy;
    private double _syx;
    private double _sxx;

    public ChargeWindowRegression(double window_Ah, int capacity)
    {
        if (!(window_Ah > 0) || capacity < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(window_Ah), "the window needs a positive charge and room for at least 3 samples");
        }

        _window_Ah = window_Ah;
        _q = new double[capacity];
        _y = new double[capacity];
        _x = new double[capacity];
    }

    /// <summary>Samples in the window.</summary>
    public int Count => _count;

    /// <summary>Charge the window spans [A h] (last minus first sample).</summary>
    public double Span_Ah => _count < 2 ? 0 : Math.Abs(_q[Index(_count - 1)] - _q[_start]);

    /// <summary>Slope of y over q (y units per A h); NaN with fewer than 3 samples or no charge spread.</summary>
    public double SlopeY => _count >= 3 && _sqq > 0 ? _sqy / _sqq : double.NaN;

    /// <summary>Slope of x over q; NaN as <see cref="SlopeY"/>.</summary>
    public double SlopeX => _count >= 3 && _sqq > 0 ? _sqx / _sqq : double.NaN;

    public void Clear()
    {
        _start = 0;
        _count = 0;
        _sqq = _sqy = _sqx = _syy = _syx = _sxx = 0;
    }

    /// <summary>Adds a sample, drops the samples older than the window, and refits.</summary>
    public void Add(double charge_Ah, double y, double x)
    {
        if (_count == _q.Length)
        {
            Drop();
        }

        var i = Index(_count);
        _q[i] = charge_Ah;
        _y[i] = y;
        _x[i] = x;
        _count++;
        while (_count > 3 && Math.Abs(charge_Ah - _q[Index(1)]) >= _window_Ah)
        {
            Drop();
        }

        Fit();
    }

    /// <summary>
    /// Slope of y − g·x over q and its standard error s/√Sqq, s² the residual variance with n − 2 degrees of
    /// freedom (the textbook least-squares standard error; it assumes the residuals are uncorrelated).
    /// </summary>
    public (double Slope, double StandardError) Difference(double gain)
    {
        if (_count < 3 || !(_sqq > 0))
        {
            return (double.NaN, double.NaN);
        }

        var sqd = _sqy - (gain * _sqx);
        var sdd = _syy - (2 * gain * _syx) + (gain * gain * _sxx);
        var slope = sqd / _sqq;
        var residual = Math.Max(sdd - (slope * sqd), 0) / (_count - 2);
        return (slope, Math.Sqrt(residual / _sqq));
    }

    private int Index(int k) => (_start + k) % _q.Length;

    private void Drop()
    {
        _start = (_start + 1) % _q.Length;
        _count--;
    }

    /// <summary>Centred sums in two passes (means first), so the offsets of pressure or voltage cost no digits.</summary>
    private void Fit()
    {
        double mq = 0, my = 0, mx = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            mq += _q[i];
            my += _y[i];
            mx += _x[i];
        }

        mq /= _count;
        my /= _count;
        mx /= _count;
        double sqq = 0, sqy = 0, sqx = 0, syy = 0, syx = 0, sxx = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            var dq = _q[i] - mq;
            var dy = _y[i] - my;
            var dx = _x[i] - mx;
            sqq += dq * dq;
            sqy += dq * dy;
            sqx += dq * dx;
            syy += dy * dy;
            syx += dy * dx;
            sxx += dx * dx;
        }

        (_sqq, _sqy, _sqx, _syy, _syx, _sxx) = (sqq, sqy, sqx, syy, syx, sxx);
    }
}
