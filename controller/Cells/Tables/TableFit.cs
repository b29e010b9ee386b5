namespace ChargeTwin.Cells;

/// <summary>
/// Builds interpolants from (x, y) tables: the cubic spline with not-a-knot end conditions (what
/// PyBaMM's "cubic" interpolant evaluates: scipy CubicSpline's default, and make_interp_spline(k=3) for
/// CasADi) and the linear interpolant (PyBaMM's "linear"). Knots must be strictly increasing.
/// </summary>
internal static class TableFit
{
    public static PiecewiseCubic Linear(double[] x, double[] y, string description)
    {
        Check(x, y, minimumPoints: 2);
        var n = x.Length - 1;
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = y[i];
            b[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
        }

        return new PiecewiseCubic((double[])x.Clone(), a, b, new double[n], new double[n], description);
    }

    /// <summary>
    /// Not-a-knot cubic spline: the third derivative is continuous at x_1 and x_n-2, so the first two
    /// and the last two pieces are each one cubic. Two points give the straight line, three points the
    /// parabola through them (as scipy does).
    /// </summary>
    public static PiecewiseCubic NotAKnotCubic(double[] x, double[] y, string description)
    {
        Check(x, y, minimumPoints: 2);
        var count = x.Length;
        var h = new double[count - 1];
        var delta = new double[count - 1];
        for (var i = 0; i < count - 1; i++)
        {
            h[i] = x[i + 1] - x[i];
            delta[i] = (y[i + 1] - y[i]) / h[i];
        }

        double[] slopes;
        if (count == 2)
        {
            slopes = [delta[0], delta[0]];
        }
        else if (count == 3)
        {
            // the parabola through the three points
            var curvature = (delta[1] - delta[0]) / (x[2] - x[0]);
            slopes =
            [
                delta[0] - curvature * h[0],
                delta[0] + curvature * h[0],
                delta[1] + curvature * h[1],
            ];
        }
        else
        {
            slopes = NotAKnotSlopes(x, h, delta);
        }

        var n = count - 1;
        var a = new double[n];
        var b = new double[n];
        var c = new double[n];
        var d = new double[n];
        for (var i = 0; i < n; i++)
        {
            // cubic Hermite piece with the end slopes s_i, s_i+1
            a[i] = y[i];
            b[i] = slopes[i];
            c[i] = (3 * delta[i] - 2 * slopes[i] - slopes[i + 1]) / h[i];
            d[i] = (slopes[i] + slopes[i + 1] - 2 * delta[i]) / (h[i] * h[i]);
        }

        return new PiecewiseCubic((double[])x.Clone(), a, b, c, d, description);
    }

    /// <summary>
    /// The knot slopes s of the C2 spline with not-a-knot ends, from the tridiagonal system
    ///   h_i s_i-1 + 2 (h_i-1 + h_i) s_i + h_i-1 s_i+1 = 3 (h_i delta_i-1 + h_i-1 delta_i)   (interior)
    ///   h_1 s_0 + (h_0 + h_1) s_1 = ((h_0 + 2 (h_0 + h_1)) h_1 delta_0 + h_0^2 delta_1) / (h_0 + h_1)
    ///   (h_n-2 + h_n-3) s_n-2 + h_n-3 s_n-1 = (h_n-2^2 delta_n-3 + (2 (h_n-3 + h_n-2) + h_n-2) h_n-3 delta_n-2) / (h_n-3 + h_n-2)
    /// solved by the Thomas algorithm (the system is diagonally dominant once the first row is eliminated).
    /// </summary>
    private static double[] NotAKnotSlopes(double[] x, double[] h, double[] delta)
    {
        var count = x.Length;
        var lower = new double[count];
        var diagonal = new double[count];
        var upper = new double[count];
        var rhs = new double[count];

        var first = h[0] + h[1];
        diagonal[0] = h[1];
        upper[0] = first;
        rhs[0] = ((h[0] + 2 * first) * h[1] * delta[0] + h[0] * h[0] * delta[1]) / first;

        for (var i = 1; i < count - 1; i++)
        {
            lower[i] = h[i];
            diagonal[i] = 2 * (h[i - 1] + h[i]);
            upper[i] = h[i - 1];
            rhs[i] = 3 * (h[i] * delta[i - 1] + h[i - 1] * delta[i]);
        }

        var m = count - 1;
        var last = h[m - 1] + h[m - 2];
        lower[m] = last;
        diagonal[m] = h[m - 2];
        rhs[m] = (h[m - 1] * h[m - 1] * delta[m - 2] + (2 * last + h[m - 1]) * h[m - 2] * delta[m - 1]) / last;

        // forward elimination
        for (var i = 1; i < count; i++)
        {
            var factor = lower[i] / diagonal[i - 1];
            diagonal[i] -= factor * upper[i - 1];
            rhs[i] -= factor * rhs[i - 1];
        }

        var slopes = new double[count];
        slopes[m] = rhs[m] / diagonal[m];
        for (var i = m - 1; i >= 0; i--)
        {
            slopes[i] = (rhs[i] - upper[i] * slopes[i + 1]) / diagonal[i];
        }

        return slopes;
    }

    private static void Check(double[] x, double[] y, int minimumPoints)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y differ in length");
        }

        if (x.Length < minimumPoints)
        {
            throw new ArgumentException($"a table needs at least {minimumPoints} points");
        }

        for (var i = 1; i < x.Length; i++)
        {
            if (!(x[i] > x[i - 1]))
            {
                throw new ArgumentException($"x must increase strictly (point {i + 1}: {x[i]} after {x[i - 1]})");
            }
        }
    }
}
