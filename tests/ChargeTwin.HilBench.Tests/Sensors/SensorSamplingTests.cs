using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Tests.Sensors;

/// <summary>A sensor reads the same at an instant however often it is read: what makes the CAN and direct links comparable.</summary>
public sealed class SensorSamplingTests
{
    [Fact]
    public void TheDrawAtAnInstant_DoesNotDependOnHowOftenTheChannelIsRead()
    {
        var spec = new SensorChannelSpec(Noise: 0.001, Bias: 0, Quantisation: 0, Lag_s: 0);
        var everySecond = new SensorChannel(spec, 99, []);
        var every10Ms = new SensorChannel(spec, 99, []);
        for (var k = 0; k < 100; k++)
        {
            for (var j = 0; j < 100; j++)
            {
                var t = k + (j * 0.01);
                var fine = every10Ms.Read(3.7, t, t);
                if (j == 0)
                {
                    Assert.Equal(everySecond.Read(3.7, k, k), fine);
                }
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-3)]
    public void TheLag_OfATruthLinearBetweenSamples_IsTheSameReadEvery10MsOrEverySecond(double noise)
    {
        var spec = new SensorChannelSpec(Noise: noise, Bias: 0.2, Quantisation: 0, Lag_s: 2);
        var coarse = new SensorChannel(spec, 5, []);
        var fine = new SensorChannel(spec, 5, []);
        static double Truth(double t) => t < 20 ? 3 + (0.05 * t) : 4 - (0.02 * (t - 20));
        var fineAtSeconds = new double[41];
        for (var j = 0; j <= 4000; j++)
        {
            var t = j / 100.0;
            var r = fine.Read(Truth(t), t, t);
            if (j % 100 == 0)
            {
                fineAtSeconds[j / 100] = r;
            }
        }

        for (var k = 0; k <= 40; k++)
        {
            // First-order hold is exact for a piecewise-linear truth whose kinks fall on both grids.
            Assert.Equal(fineAtSeconds[k], coarse.Read(Truth(k), k, k), 9);
        }
    }

    [Fact]
    public void TheLag_OfARamp_TrailsItBySlopeTimesTau()
    {
        // A ramp of 0.05 per second through a first-order lag of τ = 2 s, started at rest on the ramp's value at 0:
        // y(t) = u(t) − 0.05 τ (1 − e^(−t/τ)); plus the bias 0.2.
        var channel = new SensorChannel(new SensorChannelSpec(Noise: 0, Bias: 0.2, Quantisation: 0, Lag_s: 2), 5, []);
        for (var k = 0; k <= 19; k++)
        {
            var reading = channel.Read(3 + (0.05 * k), k, k);
            Assert.Equal(3 + (0.05 * k) + 0.2 - (0.05 * 2 * (1 - Math.Exp(-k / 2.0))), reading, 12);
        }
    }

    [Fact]
    public void TheDraws_AreStandardNormal_AndUncorrelatedFromOneInstantToTheNext()
    {
        var x = Enumerable.Range(0, 40_000).Select(i => KeyedNoise.Gaussian(7, i * 0.01)).ToArray();
        var mean = x.Average();
        var sd = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        var lag1 = Enumerable.Range(1, x.Length - 1).Select(i => (x[i] - mean) * (x[i - 1] - mean)).Average() / (sd * sd);
        var beyond3 = x.Count(v => Math.Abs(v) > 3) / (double)x.Length;

        // 40 000 draws: the mean's standard error is 0.005, the sd's 0.0035, a lag-1 correlation's 0.005.
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(sd, 0.985, 1.015);
        Assert.InRange(lag1, -0.02, 0.02);
        Assert.InRange(beyond3, 0.0017, 0.0037);   // 0.27 % of a normal lies beyond ±3σ
        Assert.NotEqual(KeyedNoise.Gaussian(7, 1.0), KeyedNoise.Gaussian(8, 1.0));
    }
}
