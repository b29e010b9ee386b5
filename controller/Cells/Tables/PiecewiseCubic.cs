namespace ChargeTwin.Cells;

/// <summary>
/// A piecewise cubic y(x) over increasing knots: on [x_i, x_i+1], y = a_i + t(b_i + t(c_i + t d_i)) with
/// t = x - x_i. Outside the knots the end pieces are extended (extrapolation with the end polynomials,
/// as scipy's CubicSpline(extrapolate=True) and interp1d(fill_value="extrapolate") do).
/// A linear interpolant is the special case c = d = 0.
/// </summary>
internal sealed class PiecewiseCubic
{
    private readonly double[] _knots;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _d;

    public PiecewiseCubic(double[] knots, double[] a, double[] b, double[] c, double[] d, string description)
    {
        if (knots.Length < 2 || a.Length != knots.Length - 1 || b.Length != a.Length || c.Length != a.Length || d.Length != a.Length)
        {
            throw new ArgumentException("a piecewise cubic needs n >= 2 knots and n - 1 coefficients of each order");
        }

        _knots = knots;
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        Description = description;
    }

    /// <summary>Where the table came from and how it is interpolated, for diagnostics.</summary>
    public string Description { get; }

    public int KnotCount => _knots.Length;

    /// <summary>y(x).</summary>
    public double Evaluate(double x)
    {
        var i = Interval(x);
        var t = x - _knots[i];
        return _a[i] + t * (_b[i] + t * (_c[i] + t * _d[i]));
    }

    /// <summary>y(x) and dy/dx.</summary>
    public double Evaluate(double x, out double slope)
    {
        var i = Interval(x);
        var t = x - _knots[i];
        slope = _b[i] + t * (2 * _c[i] + 3 * t * _d[i]);
        return _a[i] + t * (_b[i] + t * (_c[i] + t * _d[i]));
    }

    /// <summary>Index of the piece used at x: the last i with x_i &lt;= x, clamped to the end pieces.</summary>
    private int Interval(double x)
    {
        var knots = _knots;
        int lo = 0, hi = knots.Length - 2;
        if (!(x >= knots[1]))
        {
            return 0; // also NaN: any piece gives NaN
        }

        if (x >= knots[hi])
        {
            return hi;
        }

        // invariant: knots[lo] <= x < knots[hi]
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >>> 1;
            if (x >= knots[mid])
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
