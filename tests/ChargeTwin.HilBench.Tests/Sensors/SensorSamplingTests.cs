using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Tests.Link;

public sealed class SensorNoiseTests
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

    [Fact]
    public void TheDraws_AreStandardNormal_AndUncorrelatedFromOneInstantToTheNext()
    {
        var x = Enumerable.Range(0, 40_000).Select(i => SensorNoise.Gaussian(7, i * 0.01)).ToArray();
        var mean = x.Average();
        var sd = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        var lag1 = Enumerable.Range(1, x.Length - 1).Select(i => (x[i] - mean) * (x[i - 1] - mean)).Average() / (sd * sd);
        var beyond3 = x.Count(v => Math.Abs(v) > 3) / (double)x.Length;

        // 40 000 draws: the mean's standard error is 0.005, the sd's 0.0035, a lag-1 correlation's 0.005.
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(sd, 0.985, 1.015);
        Assert.InRange(lag1, -0.02, 0.02);
        Assert.InRange(beyond3, 0.0017, 0.0037);   // 0.27 % of a normal lies beyond ±3σ
        Assert.NotEqual(SensorNoise.Gaussian(7, 1.0), SensorNoise.Gaussian(8, 1.0));
    }
}
