using ChargeTwin.HilBench.Calibration;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The optimiser and the covariance on problems whose answers are known in closed form.</summary>
public sealed class LevenbergMarquardtTests
{
    private static BatchResiduals Batch(Func<double[], double[]> f) => (points, _) => [.. points.Select(f)];

    [Fact]
    public void Rosenbrock_IsMinimisedToItsKnownMinimum()
    {
        var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { MaxIterations = 200, FiniteDifferenceStep = 1e-7, CostTolerance = 1e-12, BroydenSteps = 2 });
        var result = lm.Minimise(Batch(u => [10 * (u[1] - u[0] * u[0]), 1 - u[0]]), [-1.2, 1.0], [-5, -5], [5, 5], [1e-7, 1e-7]);

        Assert.True(result.Converged, result.Reason);
        Assert.Equal(1.0, result.Point[0], 4);
        Assert.Equal(1.0, result.Point[1], 4);
    }

    [Fact]
    public void ExponentialDecay_IsFitted_AndABoundIsRespected()
    {
        var t = Enumerable.Range(0, 40).Select(i => i * 0.25).ToArray();
        var data = t.Select(x => 3.0 * Math.Exp(-0.7 * x)).ToArray();
        double[] Residual(double[] u) => [.. t.Select((x, k) => u[0] * Math.Exp(-u[1] * x) - data[k])];
        var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { FiniteDifferenceStep = 1e-7, CostTolerance = 1e-12 });

        var free = lm.Minimise(Batch(Residual), [1, 0.1], [0, 0], [10, 10], [1e-7, 1e-7]);
        var bounded = lm.Minimise(Batch(Residual), [1, 0.1], [0, 0], [2.5, 10], [1e-7, 1e-7]);

        Assert.Equal(3.0, free.Point[0], 5);
        Assert.Equal(0.7, free.Point[1], 5);
        Assert.Equal(2.5, bounded.Point[0]);
        Assert.True(bounded.AtBound[0]);
        Assert.False(bounded.AtBound[1]);
    }

    [Fact]
    public void IterationLimit_IsReportedAsNotConverged_WithTheBestPointSoFar()
    {
        var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { MaxIterations = 2, FiniteDifferenceStep = 1e-7 });
        var result = lm.Minimise(Batch(u => [10 * (u[1] - u[0] * u[0]), 1 - u[0]]), [-1.2, 1.0], [-5, -5], [5, 5], [1e-7, 1e-7]);

        Assert.False(result.Converged);
        Assert.Equal("iteration limit reached", result.Reason);
        Assert.True(result.Cost <= result.InitialCost);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void RejectedSteps_ThatPromiseLessThanTheTolerance_EndTheRun()
    {
        // a kink just below the start: every step the (fresh) forward-difference slope proposes raises the cost,
        // and once the damped step promises less than 1e-4 of the cost the run ends instead of damping on
        var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { FiniteDifferenceStep = 1e-7, CostTolerance = 1e-4 });
        var result = lm.Minimise(Batch(u => [10 + Math.Abs(u[0] - 1)]), [1 + 1e-9], [-5], [5], [1e-7]);

        Assert.True(result.Converged, result.Reason);
        Assert.Equal("predicted cost decrease below tolerance", result.Reason);
        Assert.Equal(1 + 1e-9, result.Point[0]);
        Assert.True(result.Iterations < 20, $"{result.Iterations} iterations");
    }

    [Fact]
    public void JacobianColumns_AreEvaluatedAsOneBatch()
    {
        var batches = new List<int>();
        BatchResiduals counting = (points, _) =>
        {
            batches.Add(points.Count);
            return [.. points.Select(u => new[] { u[0] - 1, u[1] - 2, u[2] - 3, u[0] + u[1] })];
        };
        new LevenbergMarquardt().Minimise(counting, [0, 0, 0], [-9, -9, -9], [9, 9, 9], [1e-6, 1e-6, 1e-6]);

        Assert.Contains(3, batches);
        Assert.All(batches, b => Assert.True(b is 1 or 3));
    }

    [Fact]
    public void Covariance_OfALinearModel_IsTheTextbookOne()
    {
        // y = a + b x with noise: Cov = s² (XᵀX)⁻¹
        var random = new Random(5);
        var x = Enumerable.Range(0, 50).Select(i => i / 10.0).ToArray();
        var y = x.Select(v => 1 + 2 * v + 0.1 * SyntheticNoise(random)).ToArray();
        var jac = new double[x.Length, 2];
        for (var k = 0; k < x.Length; k++)
        {
            jac[k, 0] = 1;
            jac[k, 1] = x[k];
        }

        // least-squares solution
        double sx = x.Sum(), sy = y.Sum(), sxx = x.Sum(v => v * v), sxy = x.Zip(y).Sum(p => p.First * p.Second);
        var n = x.Length;
        var det = n * sxx - sx * sx;
        var b = (n * sxy - sx * sy) / det;
        var a = (sy - b * sx) / n;
        var r = x.Select((v, k) => a + b * v - y[k]).ToArray();
        var s2 = r.Sum(e => e * e) / (n - 2);

        var cov = ParameterCovariance.Compute(jac, r);

        Assert.Equal(s2, cov.ResidualVariance, 12);
        Assert.Equal(s2 * sxx / det, cov.Covariance[0, 0], 10);
        Assert.Equal(s2 * n / det, cov.Covariance[1, 1], 10);
        Assert.Equal(-s2 * sx / det, cov.Covariance[0, 1], 10);
        Assert.Equal(cov.Covariance[0, 1] / Math.Sqrt(cov.Covariance[0, 0] * cov.Covariance[1, 1]), cov.Correlation[1, 0], 12);
    }

    [Fact]
    public void NearlyCollinearParameters_AreReportedAsNotIdentifiable()
    {
        var jac = new double[30, 3];
        for (var k = 0; k < 30; k++)
        {
            jac[k, 0] = k;
            jac[k, 1] = 2 * k + 1e-5 * Math.Sin(k); // almost a multiple of column 0
            jac[k, 2] = Math.Cos(k);
        }

        var r = Enumerable.Range(0, 30).Select(k => 0.01 * Math.Sin(3 * k)).ToArray();
        var cov = ParameterCovariance.Compute(jac, r);
        var parameters = new[] { "A [1]", "B [1]", "C [1]" }.Select(ParameterStub).ToList();
        var notes = cov.IdentifiabilityNotes(parameters);

        Assert.Contains(cov.StrongCorrelations(), c => c.I == 0 && c.J == 1);
        Assert.True(cov.NormalisedSingularValues[^1] < ParameterCovariance.SingularValueThreshold);
        Assert.Contains("Correlated", notes, StringComparison.Ordinal);
        Assert.Contains("Poorly determined direction", notes, StringComparison.Ordinal);
        Assert.DoesNotContain(cov.StrongCorrelations(), c => c.J == 2);
    }

    [Fact]
    public void Coverage_OfTheLinearisedIntervals_IsNominalOnAnExactModelWithWhiteNoise()
    {
        // 200 fits of y = A exp(−k t) + noise, starting away from the truth: the truth lies within ±2σ about 95 % of the time
        var t = Enumerable.Range(0, 30).Select(i => i * 0.2).ToArray();
        var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { FiniteDifferenceStep = 1e-6, CostTolerance = 1e-10 });
        var inside = 0;
        var total = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var y = t.Select(x => 2.0 * Math.Exp(-0.8 * x) + 0.05 * SyntheticNoise(random)).ToArray();
            BatchResiduals f = (points, _) => [.. points.Select(u => t.Select((x, k) => (u[0] * Math.Exp(-u[1] * x) - y[k]) / 0.05).ToArray())];
            var fit = lm.Minimise(f, [1.5, 1.2], [0.01, 0.01], [10, 10], [1e-6, 1e-6]);
            var cov = ParameterCovariance.Compute(fit.Jacobian, fit.Residuals);
            inside += Math.Abs(fit.Point[0] - 2.0) <= 2 * cov.SigmaFit[0] ? 1 : 0;
            inside += Math.Abs(fit.Point[1] - 0.8) <= 2 * cov.SigmaFit[1] ? 1 : 0;
            total += 2;
        }

        Assert.InRange(inside / (double)total, 0.91, 0.98);
    }

    private static double SyntheticNoise(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static CalibrationParameter ParameterStub(string name) =>
        CalibrationParameter.Create(name, StubSet.Value, 0.1, 10);

    private static readonly Lazy<ChargeTwin.Cells.ParameterSet> StubSet = new(() =>
        ChargeTwin.Cells.CellLibrary.Load(CalibrationFiles.Write("stub.yaml", "name: Stub\nparameters:\n  \"A [1]\": 1\n  \"B [1]\": 1\n  \"C [1]\": 1\n")));
}
