using ChargeTwin.Cells;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>Draws from a small synthetic uncertainty section reproduce its covariance; bounds clamp, at-bound parameters are held.</summary>
public sealed class CellParameterSamplerTests
{
    private const int Draws = 20_000;

    private static ParameterUncertainty Synthetic(double[,] covariance, params UncertainParameter[] parameters) =>
        new(parameters, covariance, new double[parameters.Length, parameters.Length], true, "synthetic", 0, double.NaN, "");

    /// <summary>Fit coordinates of many draws, one row per draw.</summary>
    private static double[][] FitCoordinates(CellParameterSampler sampler, int draws)
    {
        var random = new BenchRandom(42);
        return [.. Enumerable.Range(0, draws).Select(_ => sampler.Draw(random).Select(p => p.Fitted.ToFit(p.Value)).ToArray())];
    }

    private static double Covariance(double[][] rows, int i, int j)
    {
        var mi = rows.Average(r => r[i]);
        var mj = rows.Average(r => r[j]);
        return rows.Sum(r => (r[i] - mi) * (r[j] - mj)) / (rows.Length - 1);
    }

    [Fact]
    public void Draws_ReproduceTheMeanAndCovariance_InFitCoordinates()
    {
        // a log-scale, a linear and a log-scale parameter, correlated 0.8 and −0.5
        double[,] sigma =
        {
            { 0.04, 0.8 * 0.2 * 3, 0 },
            { 0.8 * 0.2 * 3, 9, -0.5 * 3 * 0.1 },
            { 0, -0.5 * 3 * 0.1, 0.01 },
        };
        var sampler = new CellParameterSampler(Synthetic(
            sigma,
            new UncertainParameter("a", 2.0, FitScale.Log, 0.4, 1e-6, 1e6),
            new UncertainParameter("b", 50, FitScale.Linear, 3, -1e6, 1e6),
            new UncertainParameter("c", 1e-14, FitScale.Log, 1e-15, 1e-20, 1e-8)));
        var rows = FitCoordinates(sampler, Draws);

        double[] mean = [Math.Log(2.0), 50, Math.Log(1e-14)];
        for (var i = 0; i < 3; i++)
        {
            var standardError = Math.Sqrt(sigma[i, i] / Draws);
            Assert.InRange(rows.Average(r => r[i]) - mean[i], -4 * standardError, 4 * standardError);
            for (var j = 0; j <= i; j++)
            {
                // the sample covariance's standard error is about sqrt((σ_ii σ_jj + σ_ij²) / n): 4 of them
                var tolerance = 4 * Math.Sqrt((sigma[i, i] * sigma[j, j] + sigma[i, j] * sigma[i, j]) / Draws);
                Assert.InRange(Covariance(rows, i, j) - sigma[i, j], -tolerance, tolerance);
            }
        }
    }

    [Fact]
    public void AtBoundParameters_AreHeld_AndTheOthersDrawnGivenThem()
    {
        // b ended on its bound with a huge, meaningless variance; a's correlation with it must not widen a
        const double rho = 0.9;
        double[,] sigma = { { 1, rho * 1 * 100 }, { rho * 1 * 100, 100 * 100 } };
        var sampler = new CellParameterSampler(Synthetic(
            sigma,
            new UncertainParameter("a", 0, FitScale.Linear, 1, -1e3, 1e3),
            new UncertainParameter("b", 5, FitScale.Linear, 100, 5, 1e3, AtBound: true)));
        Assert.Equal(["a"], sampler.Drawn.Select(p => p.Name));
        Assert.Equal(["b"], sampler.Held.Select(p => p.Name));
        Assert.Equal(1 - rho * rho, sampler.Covariance[0, 0], 1e-12);

        var rows = FitCoordinates(sampler, Draws);
        var variance = Covariance(rows, 0, 0);
        Assert.InRange(variance, 0.19 * 0.95, 0.19 * 1.05);
    }

    [Fact]
    public void Draws_AreClampedToTheFitsBounds()
    {
        var sampler = new CellParameterSampler(Synthetic(
            new double[,] { { 1 } },
            new UncertainParameter("a", 1, FitScale.Log, 2, 0.5, 2)));
        var random = new BenchRandom(7);
        var values = Enumerable.Range(0, 2000).Select(_ => sampler.Draw(random)[0].Value).ToList();
        Assert.All(values, v => Assert.InRange(v, 0.5, 2));
        Assert.Contains(0.5, values);
        Assert.Contains(2.0, values);
    }
}
