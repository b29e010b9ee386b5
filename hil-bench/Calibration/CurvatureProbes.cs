namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Checks the linearised covariance against the cost itself. s² (JᵀJ)⁻¹ assumes the cost is quadratic over the
/// interval; near the end-of-discharge knee and the graphite stages it is not, and a flat, bent valley makes the
/// linearised ellipse too narrow. Along each principal axis of the covariance (<see cref="ParameterCovariance.PrincipalAxes"/>)
/// the cost is evaluated at ±2σ, where the quadratic model ½‖J δ‖² predicts a rise of 2 s² on each side (2 s² times
/// <see cref="ParameterCovariance.VarianceInflation"/> for a covariance widened for correlated residuals). The secant
/// curvature κ = (rise₊ + rise₋)/(predicted₊ + predicted₋) (the mean of both sides, so a point slightly off the
/// optimum does not bias it) below 1 says the cost rises slower than the model: that axis's variance is widened by
/// 1/κ, at most by 1/<see cref="MinCurvature"/>. κ ≥ 1 leaves the axis alone — the probes only ever widen. A probe
/// that lowers the cost by more than <see cref="Descent"/> s² shows the point is not at the optimum (the search
/// stalled in the valley the probe crossed): it is returned, to continue the fit from there.
/// </summary>
public static class CurvatureProbes
{
    /// <summary>Distance of each probe from the point, in σ along the axis.</summary>
    public const double ProbeSigmas = 2;

    /// <summary>Smallest secant curvature used: an axis's variance grows at most tenfold (σ ×3.2).</summary>
    public const double MinCurvature = 0.1;

    /// <summary>
    /// A probe that lowers the cost by more than this many s² (the residual variance as if independent: a shift of about
    /// 0.7 of that σ) is a better point.
    /// </summary>
    public const double Descent = 0.25;

    /// <summary>
    /// Secant curvature and variance factor of each axis, the lowest probe when it beat the point by more than
    /// <see cref="Descent"/> s² (else null), and the replays spent.
    /// </summary>
    public sealed record Outcome(double[] Curvature, double[] Widening, double[]? LowerPoint, double[]? LowerResiduals, double Decrease, int Evaluations)
    {
        public bool FoundLowerCost => LowerPoint is not null;

        /// <summary>Axes whose variance was widened (κ &lt; 1).</summary>
        public int WidenedAxes => Widening.Count(f => f > 1);
    }

    /// <param name="jacobian">The Jacobian <paramref name="covariance"/> came from (predicts each probe's rise).</param>
    public static Outcome Run(
        BatchResiduals residualsAt,
        double[] point,
        double[] residuals,
        double[,] jacobian,
        ParameterCovariance covariance,
        double[] lower,
        double[] upper,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(residualsAt);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentNullException.ThrowIfNull(covariance);
        var n = point.Length;
        var (mu, w) = covariance.PrincipalAxes();
        var probes = new List<double[]>(2 * n);
        for (var k = 0; k < n; k++)
        {
            foreach (var sign in (ReadOnlySpan<double>)[-1.0, 1.0])
            {
                var reach = sign * ProbeSigmas * Math.Sqrt(mu[k]);
                probes.Add([.. point.Select((u, i) => Math.Clamp(u + reach * covariance.SigmaFit[i] * w[i, k], lower[i], upper[i]))]);
            }
        }

        var results = residualsAt(probes, cancellation);
        var cost = Cost(residuals);
        var s2 = covariance.ResidualVariance;
        var curvature = new double[n];
        var widening = new double[n];
        var best = -1;
        var bestRise = -Descent * s2;
        for (var k = 0; k < n; k++)
        {
            double rise = 0, predicted = 0;
            for (var side = 0; side < 2; side++)
            {
                var q = 2 * k + side;
                var r = Cost(results[q]) - cost;
                rise += r;
                predicted += Predicted(jacobian, probes[q], point);
                if (r < bestRise)
                {
                    (best, bestRise) = (q, r);
                }
            }

            // no step (a zero-variance axis, or both probes clamped onto the point) or a failed replay: nothing to learn
            curvature[k] = predicted > 0 && double.IsFinite(rise) ? rise / predicted : 1;
            widening[k] = 1 / Math.Clamp(curvature[k], MinCurvature, 1);
        }

        return best < 0
            ? new Outcome(curvature, widening, null, null, 0, probes.Count)
            : new Outcome(curvature, widening, probes[best], results[best], -bestRise, probes.Count);
    }

    private static double Cost(double[] r) => 0.5 * GaussNewtonPolish.SumOfSquares(r);

    /// <summary>½‖J (probe − point)‖²: the rise the linearised model predicts.</summary>
    private static double Predicted(double[,] jacobian, double[] probe, double[] point) =>
        GaussNewtonPolish.PredictedDecrease(jacobian, [.. probe.Select((v, i) => v - point[i])]);
}
