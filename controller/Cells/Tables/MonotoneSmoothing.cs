using System.Globalization;
using MathNet.Numerics;

namespace ChargeTwin.Cells;

/// <summary>
/// A smooth, monotone curve through a noisy monotone table — what a digitised open-circuit potential needs before
/// a DFN can use it. A cubic spline through such a table follows its noise: where the curve is nearly flat
/// (graphite's staging plateaus) the digitised points go up and down, the spline's slope changes sign, and a
/// potential that rises with lithiation there is thermodynamically impossible for one phase and unstable in the
/// model (a particle that lithiates faster then pulls more current). With fast kinetics the solver follows that
/// instability in steps of a second. The smoothing here:
/// <list type="number">
/// <item>isotonic regression (pool-adjacent-violators, equal weights) in the direction of the table's overall
/// trend: the closest monotone sequence in least squares;</item>
/// <item>the piecewise-linear interpolant of that sequence, extended beyond the ends along the end segments,
/// convolved with a Gaussian of standard deviation <c>width</c> (in x). The convolution is exact: a ramp
/// (x − x_k)₊ becomes u·Φ(u/w) + w·φ(u/w), u = x − x_k. A convolution of a monotone function with a positive
/// kernel is monotone, and a straight line is left unchanged;</item>
/// <item>a not-a-knot cubic spline through that curve sampled every <see cref="SamplesPerWidth"/>-th of the
/// width over the table's x range (C², so Newton iterations see a smooth derivative).</item>
/// </list>
/// </summary>
internal static class MonotoneSmoothing
{
    /// <summary>Spline knots per Gaussian width.</summary>
    public const int SamplesPerWidth = 8;

    /// <summary>Most spline knots: the width must be at least the x range × <see cref="SamplesPerWidth"/> / (this − 1).</summary>
    public const int MaxKnots = 160_001;

    /// <summary>The smoothed table as a C² piecewise cubic.</summary>
    /// <exception cref="ArgumentException">width not positive and finite, or too small for the range.</exception>
    public static PiecewiseCubic Fit(double[] x, double[] y, double width, string description)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!(width > 0) || !double.IsFinite(width))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the smoothing width must be a positive number, got {width}"));
        }

        var range = x[^1] - x[0];
        var needed = Math.Ceiling(range / width * SamplesPerWidth);
        if (needed + 1 > MaxKnots)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"the smoothing width {width:G6} is too small for a table spanning {range:G6} (at least {range * SamplesPerWidth / (MaxKnots - 1):G3})"));
        }

        var intervals = Math.Max((int)needed, 2);
        var monotone = Isotonic(y, increasing: y[^1] >= y[0]);
        var grid = new double[intervals + 1];
        for (var i = 0; i <= intervals; i++)
        {
            grid[i] = i == intervals ? x[^1] : x[0] + (range * i / intervals);
        }

        return TableFit.NotAKnotCubic(grid, GaussianSmoothed(x, monotone, width, grid), description);
    }

    /// <summary>
    /// Isotonic regression by pool-adjacent-violators: the non-decreasing (or non-increasing) sequence closest to
    /// <paramref name="y"/> in least squares; violating neighbours are replaced by their mean.
    /// </summary>
    public static double[] Isotonic(double[] y, bool increasing)
    {
        ArgumentNullException.ThrowIfNull(y);
        var sign = increasing ? 1.0 : -1.0;
        var mean = new List<double>(y.Length);
        var count = new List<int>(y.Length);
        foreach (var value in y)
        {
            mean.Add(sign * value);
            count.Add(1);
            while (mean.Count > 1 && mean[^2] > mean[^1])
            {
                var n = count[^2] + count[^1];
                mean[^2] = ((mean[^2] * count[^2]) + (mean[^1] * count[^1])) / n;
                count[^2] = n;
                mean.RemoveAt(mean.Count - 1);
                count.RemoveAt(count.Count - 1);
            }
        }

        var result = new double[y.Length];
        var k = 0;
        for (var b = 0; b < mean.Count; b++)
        {
            for (var j = 0; j < count[b]; j++)
            {
                result[k++] = sign * mean[b];
            }
        }

        return result;
    }

    /// <summary>
    /// The piecewise-linear interpolant of (x, y), extended along its end segments, convolved with a Gaussian of
    /// standard deviation <paramref name="width"/>, at <paramref name="at"/>.
    /// </summary>
    public static double[] GaussianSmoothed(double[] x, double[] y, double width, double[] at)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(at);
        var n = x.Length;
        var slope = new double[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            slope[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
        }

        // f(t) = y0 + s0 (t - x0) + Σ_k (s_k - s_k-1) (t - x_k)₊ over the interior knots; a ramp smooths exactly
        var result = new double[at.Length];
        for (var j = 0; j < at.Length; j++)
        {
            var t = at[j];
            var value = y[0] + (slope[0] * (t - x[0]));
            for (var k = 1; k < n - 1; k++)
            {
                value += (slope[k] - slope[k - 1]) * SmoothedRamp(t - x[k], width);
            }

            result[j] = value;
        }

        return result;
    }

    /// <summary>E[(u + wZ)₊] for a standard normal Z: u·Φ(u/w) + w·φ(u/w).</summary>
    public static double SmoothedRamp(double u, double width)
    {
        var z = u / width;
        if (z > 9)
        {
            return u;
        }

        if (z < -9)
        {
            return 0;
        }

        var cdf = 0.5 * SpecialFunctions.Erfc(-z / Constants.Sqrt2);
        var pdf = Math.Exp(-0.5 * z * z) / Constants.Sqrt2Pi;
        return (u * cdf) + (width * pdf);
    }
}
