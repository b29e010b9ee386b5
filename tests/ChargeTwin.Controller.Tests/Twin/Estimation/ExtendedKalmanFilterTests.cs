using ChargeTwin.Controller.Twin.Estimation;

namespace ChargeTwin.Controller.Tests.Twin.Estimation;

public sealed class ExtendedKalmanFilterTests
{
    /// <summary>A constant-velocity target: x = (position, velocity), position measured; linear, so the EKF is the Kalman filter.</summary>
    private sealed class ConstantVelocity : IFilterModel
    {
        public int StateCount => 2;

        public int MeasurementCount => 1;

        public void Propagate(ReadOnlySpan<double> state, double dt_s, Span<double> next)
        {
            next[0] = state[0] + dt_s * state[1];
            next[1] = state[1];
        }

        public void Measure(ReadOnlySpan<double> state, Span<double> predicted) => predicted[0] = state[0];

        public double Scale(int index) => 1;
    }

    [Fact]
    public void Filter_MatchesTheLinearKalmanFilter_OnALinearModel()
    {
        var filter = new ExtendedKalmanFilter(new ConstantVelocity());
        filter.Initialise([0, 1], [4, 0, 0, 1]);
        double[] q = [0.01, 0.001];
        const double r = 0.25, dt = 0.5;

        // The textbook 2×2 Kalman filter, written out.
        double x0 = 0, x1 = 1, p00 = 4, p01 = 0, p11 = 1;
        var z = new[] { 0.7, 1.1, 1.4, 2.2, 2.4, 3.1, 3.4 };
        foreach (var measured in z)
        {
            filter.Predict(dt, q);
            x0 += dt * x1;
            var n00 = p00 + 2 * dt * p01 + dt * dt * p11 + q[0];
            var n01 = p01 + dt * p11;
            var n11 = p11 + q[1];
            p00 = n00;
            p01 = n01;
            p11 = n11;

            Assert.Equal(UpdateOutcome.Accepted, filter.Update(0, measured, r, double.NegativeInfinity, double.PositiveInfinity, 10));
            var s = p00 + r;
            var k0 = p00 / s;
            var k1 = p01 / s;
            var nu = measured - x0;
            x0 += k0 * nu;
            x1 += k1 * nu;
            (p00, p01, p11) = (p00 - k0 * p00, p01 - k0 * p01, p11 - k1 * p01);
        }

        Assert.Equal(x0, filter.State[0], 6);
        Assert.Equal(x1, filter.State[1], 6);
        Assert.Equal(p00, filter.Covariance[0], 6);
        Assert.Equal(p01, filter.Covariance[1], 6);
        Assert.Equal(p01, filter.Covariance[2], 6);
        Assert.Equal(p11, filter.Covariance[3], 6);
    }

    [Fact]
    public void TwoSigmaIntervals_HoldTheTruth_AboutNinetyFivePercentOfTheTime()
    {
        var random = new Random(7);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] q = [0.01, 0.0004];
        const double r = 0.09, dt = 1;
        var filter = new ExtendedKalmanFilter(new ConstantVelocity());
        var truth = new[] { 0.0, 0.3 };
        filter.Initialise([Gauss(), 0.3 + Gauss()], [1, 0, 0, 1]);
        int held = 0, total = 0;
        for (var k = 0; k < 20000; k++)
        {
            truth[0] += dt * truth[1] + Math.Sqrt(q[0]) * Gauss();
            truth[1] += Math.Sqrt(q[1]) * Gauss();
            filter.Predict(dt, q);
            filter.Update(0, truth[0] + Math.Sqrt(r) * Gauss(), r, double.NegativeInfinity, double.PositiveInfinity, 100);
            if (k >= 100)
            {
                total += 2;
                held += Math.Abs(filter.State[0] - truth[0]) <= 2 * filter.Sigma(0) ? 1 : 0;
                held += Math.Abs(filter.State[1] - truth[1]) <= 2 * filter.Sigma(1) ? 1 : 0;
            }
        }

        var coverage = (double)held / total;
        Assert.InRange(coverage, 0.94, 0.96);
    }

    [Theory]
    [InlineData(1.0, 0.95, 1.05)]
    [InlineData(10.0, 6.0, 12.0)]
    public void InnovationNis_AveragesOne_WhenTheModelIsRight_AndGrowsWhenTheNoiseIsUnderstated(double trueNoiseFactor, double low, double high)
    {
        var random = new Random(11);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] q = [0.01, 0.0004];
        const double r = 0.09;
        var filter = new ExtendedKalmanFilter(new ConstantVelocity());
        var truth = new[] { 0.0, 0.3 };
        filter.Initialise([0, 0.3], [1, 0, 0, 1]);
        double sum = 0;
        var count = 0;
        for (var k = 0; k < 20000; k++)
        {
            truth[0] += truth[1] + Math.Sqrt(q[0]) * Gauss();
            truth[1] += Math.Sqrt(q[1]) * Gauss();
            filter.Predict(1, q);
            filter.Update(0, truth[0] + Math.Sqrt(trueNoiseFactor * r) * Gauss(), r, double.NegativeInfinity, double.PositiveInfinity, 1e6);
            if (k >= 100)
            {
                sum += filter.LastInnovationNis;
                count++;
            }
        }

        Assert.InRange(sum / count, low, high);
        Assert.Equal(UpdateOutcome.NotFinite, filter.Update(0, double.NaN, r, double.NegativeInfinity, double.PositiveInfinity, 5));
        Assert.True(double.IsNaN(filter.LastInnovationNis));
    }

    [Theory]
    [InlineData(double.NaN, UpdateOutcome.NotFinite)]
    [InlineData(double.PositiveInfinity, UpdateOutcome.NotFinite)]
    [InlineData(-50.0, UpdateOutcome.OutOfRange)]
    [InlineData(40.0, UpdateOutcome.Gated)]
    public void BadMeasurement_NeverReachesTheState_AndTheCovarianceKeepsGrowing(double measured, UpdateOutcome expected)
    {
        var filter = new ExtendedKalmanFilter(new ConstantVelocity());
        filter.Initialise([0, 1], [0.1, 0, 0, 0.1]);
        filter.Predict(1, [0.01, 0.01]);
        var before = filter.State.ToArray();
        var variance = filter.Variance(0);

        Assert.Equal(expected, filter.Update(0, measured, 0.01, -10, 100, 5));
        Assert.Equal(before, filter.State.ToArray());
        Assert.Equal(variance, filter.Variance(0));

        filter.Predict(1, [0.01, 0.01]);
        Assert.True(filter.Variance(0) > variance);
    }

    [Fact]
    public void PartialJacobianRefresh_ReusesColumns_AndStillTracks()
    {
        var full = new ExtendedKalmanFilter(new ConstantVelocity());
        var partial = new ExtendedKalmanFilter(new ConstantVelocity(), jacobianColumnsPerStep: 1);
        full.Initialise([0, 1], [1, 0, 0, 1]);
        partial.Initialise([0, 1], [1, 0, 0, 1]);
        for (var k = 0; k < 50; k++)
        {
            full.Predict(1, [0.01, 0.01]);
            partial.Predict(1, [0.01, 0.01]);
            full.Update(0, k + 1.0, 0.1, -1e9, 1e9, 10);
            partial.Update(0, k + 1.0, 0.1, -1e9, 1e9, 10);
        }

        // Linear model: its Jacobian never changes, so reused columns are exact.
        Assert.Equal(full.State[0], partial.State[0], 9);
        Assert.Equal(full.Covariance[3], partial.Covariance[3], 9);
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        var filter = new ExtendedKalmanFilter(new ConstantVelocity());
        filter.Initialise([0, 1], [1, 0, 0, 1]);
        double[] q = [0.01, 0.01];
        for (var k = 0; k < 100; k++)
        {
            filter.Predict(1, q);
            filter.Update(0, k, 0.1, -1e9, 1e9, 10);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 100_000; k++)
        {
            filter.Predict(1, q);
            filter.Update(0, k, 0.1, -1e9, 1e9, 1e9);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>x = (a, b), both constant, measured as a + b: b a parameter the filter must not move.</summary>
    private sealed class SumOfTwo : IFilterModel
    {
        public int StateCount => 2;

        public int MeasurementCount => 1;

        public void Propagate(ReadOnlySpan<double> state, double dt_s, Span<double> next) => state.CopyTo(next);

        public void Measure(ReadOnlySpan<double> state, Span<double> predicted) => predicted[0] = state[0] + state[1];

        public double Scale(int index) => 1;
    }

    [Fact]
    public void ConsiderState_IsNeverCorrected_ButItsUncertaintyReachesTheOther()
    {
        var filter = new ExtendedKalmanFilter(new SumOfTwo());
        filter.Consider(1);
        filter.Initialise([0, 0], [1, 0, 0, 0.25]);
        for (var k = 0; k < 200; k++)
        {
            filter.Predict(1, [0, 0]);
            Assert.Equal(UpdateOutcome.Accepted, filter.Update(0, 1.0, 0.01, -10, 10, 100));
        }

        Assert.Equal(0, filter.State[1]);
        Assert.Equal(0.25, filter.Variance(1), 12);

        // With a + b measured (nearly) exactly, a's best estimate is E[a | a + b = 1] = 1/(1 + 0.25) = 0.8 with
        // variance 1 − 1/1.25 = 0.2: the consider state's uncertainty limits what the filter may believe of a.
        Assert.InRange(filter.State[0], 0.78, 0.83);
        Assert.InRange(filter.Variance(0), 0.19, 0.21);
        var p = filter.Covariance;
        Assert.True(p[0] * p[3] - p[1] * p[2] >= -1e-12, "covariance lost positive semi-definiteness");
    }
}
