using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The ±2σ cost probes that check the linearised covariance against the cost itself.</summary>
public sealed class CurvatureProbesTests
{
    private static readonly double[] X = [.. Enumerable.Range(0, 12).Select(i => i / 11.0)];

    /// <summary>Data of a straight line a + b x with alternating ±0.3 errors.</summary>
    private static readonly double[] Y = [.. X.Select((x, i) => 1 + 2 * x + (i % 2 == 0 ? 0.3 : -0.3))];

    private static double[][] Line(IReadOnlyList<double[]> points, CancellationToken _) =>
        [.. points.Select(u => X.Select((x, i) => Y[i] - (u[0] + u[1] * x)).ToArray())];

    private static (double[] Point, double[] Residuals, double[,] Jacobian, ParameterCovariance Covariance) FitLine()
    {
        var fit = new LevenbergMarquardt(new LevenbergMarquardtOptions { CostTolerance = 1e-14 })
            .Minimise(Line, [0, 0], [-10, -10], [10, 10], [1e-6, 1e-6]);
        return (fit.Point, fit.Residuals, fit.Jacobian, ParameterCovariance.Compute(fit.Jacobian, fit.Residuals));
    }

    [Fact]
    public void AQuadraticCost_IsLeftAlone()
    {
        var (point, r, jacobian, covariance) = FitLine();

        var probes = CurvatureProbes.Run(Line, point, r, jacobian, covariance, [-10, -10], [10, 10]);

        Assert.All(probes.Curvature, k => Assert.Equal(1.0, k, 6));
        Assert.All(probes.Widening, f => Assert.Equal(1.0, f));
        Assert.False(probes.FoundLowerCost);
        Assert.Equal(4, probes.Evaluations);
        var widened = covariance.Widened(probes.Widening);
        Assert.Equal(covariance.SigmaFit[0], widened.SigmaFit[0], 12);
        Assert.Equal(covariance.Covariance[0, 1], widened.Covariance[0, 1], 12);
    }

    [Fact]
    public void ACostFlatterThanLinearised_WidensItsAxis_ByTheSecantRatio()
    {
        // y = tanh(θ) + e, mean(e) = 0, so θ̂ = 0, s² = Σe²/(m − 1), σ = s/√m. At ±2σ the cost rises by
        // ½ m tanh²(2σ) where the linearised model says ½ m (2σ)²: κ = tanh²(2σ)/(2σ)²
        const int m = 10;
        double[] e = [.. Enumerable.Range(0, m).Select(i => i % 2 == 0 ? 1.0 : -1.0)];
        BatchResiduals tanh = (points, _) => [.. points.Select(u => e.Select(v => v - Math.Tanh(u[0])).ToArray())];
        var r = tanh([[0.0]], default)[0];
        var jacobian = new double[m, 1];
        for (var i = 0; i < m; i++)
        {
            jacobian[i, 0] = -1;
        }

        var covariance = ParameterCovariance.Compute(jacobian, r);
        var sigma = Math.Sqrt(m / (m - 1.0) / m);
        Assert.Equal(sigma, covariance.SigmaFit[0], 12);

        var probes = CurvatureProbes.Run(tanh, [0.0], r, jacobian, covariance, [-5.0], [5.0]);

        var kappa = Math.Pow(Math.Tanh(2 * sigma), 2) / Math.Pow(2 * sigma, 2);
        Assert.Equal(kappa, probes.Curvature[0], 9);
        Assert.Equal(1 / kappa, probes.Widening[0], 9);
        Assert.False(probes.FoundLowerCost);
        var widened = covariance.Widened(probes.Widening);
        Assert.Equal(sigma / Math.Sqrt(kappa), widened.SigmaFit[0], 9);
        Assert.Equal(sigma, widened.LinearisedSigmaFit[0], 12);
        Assert.Contains("Curvature: along 1 of 1 principal axes", widened.IdentifiabilityNotes([CalibrationParameter.Create("Contact resistance [Ohm]", CellLibrary.Load("okane2022"))]), StringComparison.Ordinal);
    }

    [Fact]
    public void APointAwayFromTheOptimum_IsFound_AndTheLowerProbeReturned()
    {
        // 3σ off the optimum along the intercept's axis: the probe 2σ back towards it lowers the cost by ½(9 − 1) s²
        var (point, _, jacobian, covariance) = FitLine();
        var (mu, w) = covariance.PrincipalAxes();
        var k = 0;
        var off = point.Select((u, i) => u + 3 * Math.Sqrt(mu[k]) * covariance.SigmaFit[i] * w[i, k]).ToArray();
        var r = Line([off], default)[0];

        var probes = CurvatureProbes.Run(Line, off, r, jacobian, covariance, [-10, -10], [10, 10]);

        Assert.True(probes.FoundLowerCost);
        Assert.Equal(4 * covariance.ResidualVariance, probes.Decrease, 6);
        Assert.Equal(Line([probes.LowerPoint!], default)[0], probes.LowerResiduals);
        // a shifted quadratic still has the quadratic's curvature: both sides together cancel the slope
        Assert.All(probes.Curvature, c => Assert.Equal(1.0, c, 6));
    }

    [Fact]
    public void Widening_MultipliesTheVarianceAlongOneAxis_AndNeverNarrows()
    {
        var (_, _, _, covariance) = FitLine();
        var (mu, w) = covariance.PrincipalAxes();

        var widened = covariance.Widened([4, 1]);

        // variance along axis 0 (in σ-scaled coordinates of the original covariance): 4 μ₀; axis 1 unchanged
        double Along(ParameterCovariance c, int k) =>
            Enumerable.Range(0, 2).Sum(i => Enumerable.Range(0, 2).Sum(j => w[i, k] * w[j, k] * c.Covariance[i, j] / (covariance.SigmaFit[i] * covariance.SigmaFit[j])));
        Assert.Equal(4 * mu[0], Along(widened, 0), 9);
        Assert.Equal(mu[1], Along(widened, 1), 9);
        Assert.All(Enumerable.Range(0, 2), i => Assert.True(widened.SigmaFit[i] >= covariance.SigmaFit[i]));
        Assert.Equal(covariance.NormalisedSingularValues, widened.NormalisedSingularValues);
        Assert.Throws<ArgumentException>(() => covariance.Widened([1]));
    }
}
