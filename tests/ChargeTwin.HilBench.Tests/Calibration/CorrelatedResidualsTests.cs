using ChargeTwin.HilBench.Calibration;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The covariance of a fit whose residuals are correlated in time (model error on a real cell).</summary>
public sealed class CorrelatedResidualsTests
{
    private const int Points = 400;

    /// <summary>Straight-line fits y = a + b t to data with AR(1) errors e_k = ρ e_(k−1) + w_k.</summary>
    private static (double Slope, double[] Residuals, double[,] Jacobian) FitLine(double rho, Random random)
    {
        var t = Enumerable.Range(0, Points).Select(k => k / (double)Points).ToArray();
        var e = new double[Points];
        e[0] = SyntheticData.Gaussian(random) / Math.Sqrt(1 - rho * rho);
        for (var k = 1; k < Points; k++)
        {
            e[k] = rho * e[k - 1] + SyntheticData.Gaussian(random);
        }

        var y = t.Select((x, k) => 1 + 2 * x + e[k]).ToArray();
        double st = t.Sum(), sy = y.Sum(), stt = t.Sum(x => x * x), sty = t.Zip(y).Sum(p => p.First * p.Second);
        var b = (Points * sty - st * sy) / (Points * stt - st * st);
        var a = (sy - b * st) / Points;
        var jacobian = new double[Points, 2];
        for (var k = 0; k < Points; k++)
        {
            jacobian[k, 0] = 1;
            jacobian[k, 1] = t[k];
        }

        return (b, [.. t.Select((x, k) => a + b * x - y[k])], jacobian);
    }

    [Fact]
    public void WithAR1Errors_TheInflatedIntervalsHoldTheTruthAsOftenAsTheyClaim()
    {
        // 300 repeated fits with ρ = 0.8: the textbook σ is about 3× too small; the inflated one matches the spread
        var random = new Random(11);
        var slopes = new List<double>();
        var textbook = new List<double>();
        var inflated = new List<double>();
        for (var rep = 0; rep < 300; rep++)
        {
            var (slope, r, jacobian) = FitLine(0.8, random);
            var cov = ParameterCovariance.Compute(jacobian, r);
            slopes.Add(slope);
            textbook.Add(cov.SigmaFit[1]);
            inflated.Add(cov.ForCorrelatedResiduals().SigmaFit[1]);
        }

        var mean = slopes.Average();
        var spread = Math.Sqrt(slopes.Sum(s => (s - mean) * (s - mean)) / (slopes.Count - 1));
        Assert.InRange(spread / inflated.Average(), 0.8, 1.25);
        Assert.InRange(spread / textbook.Average(), 2.4, 3.6);
        var covered = slopes.Select((s, k) => Math.Abs(s - 2) <= 2 * inflated[k]).Count(x => x) / (double)slopes.Count;
        var coveredTextbook = slopes.Select((s, k) => Math.Abs(s - 2) <= 2 * textbook[k]).Count(x => x) / (double)slopes.Count;
        Assert.InRange(covered, 0.9, 0.99);
        Assert.True(coveredTextbook < 0.7, $"textbook coverage {coveredTextbook}");
    }

    [Fact]
    public void IndependentNoise_LeavesTheCovarianceAsItIs()
    {
        var (_, r, jacobian) = FitLine(0, new Random(3));
        var cov = ParameterCovariance.Compute(jacobian, r);
        var white = ParameterCovariance.Compute(jacobian, [.. r.Select((_, k) => k % 2 == 0 ? 1.0 : -1.0)]);

        // white noise: |ρ| of order 1/√m, so at most a few per cent; alternating residuals: ρ < 0, nothing to inflate
        Assert.InRange(cov.ForCorrelatedResiduals().VarianceInflation, 1, 1.15);
        Assert.Equal(1, white.ForCorrelatedResiduals().VarianceInflation);
        Assert.Equal(white.Covariance[1, 1], white.ForCorrelatedResiduals().Covariance[1, 1]);
    }

    [Fact]
    public void TheInflation_ScalesTheCovarianceOnly_AndIsStatedInTheNotes()
    {
        var (_, r, jacobian) = FitLine(0.9, new Random(7));
        var cov = ParameterCovariance.Compute(jacobian, r);
        var inflated = cov.ForCorrelatedResiduals();
        var factor = ParameterCovariance.VarianceInflationOf(cov.ResidualAutocorrelation);

        Assert.True(factor > 5, $"factor {factor}");
        Assert.Equal(factor, inflated.VarianceInflation, 12);
        Assert.Equal(factor * cov.Covariance[0, 1], inflated.Covariance[0, 1], 12);
        Assert.Equal(cov.Correlation[0, 1], inflated.Correlation[0, 1], 12);
        Assert.Equal(cov.ResidualVariance, inflated.ResidualVariance);
        Assert.Contains("the covariance is multiplied by (1 + ρ)/(1 − ρ)", inflated.IdentifiabilityNotes([]), StringComparison.Ordinal);
    }
}
