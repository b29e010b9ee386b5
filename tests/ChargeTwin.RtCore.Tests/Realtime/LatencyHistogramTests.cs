using ChargeTwin.RtCore.Timing;

namespace ChargeTwin.RtCore.Tests.Realtime;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_AgreeWithTheSortedSample_ToThreeSignificantDigits()
    {
        var random = new Random(3);
        var values = new long[100_000];
        var histogram = new LatencyHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            // A latency-like mix: most wake-ups near 50 µs, a tail out to tens of milliseconds.
            values[i] = (long)(50_000 * Math.Exp(random.NextDouble() * random.NextDouble() * 7));
            histogram.Record(values[i]);
        }

        Array.Sort(values);
        foreach (var p in (double[])[50, 90, 99, 99.9])
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            Assert.InRange(histogram.Percentile(p), exact * 0.999, exact * 1.001);
        }

        Assert.Equal(values[0], histogram.Min);
        Assert.Equal(values[^1], histogram.Max);
        Assert.Equal(values.Average(), histogram.Mean, values.Average() * 1e-3);
    }

    [Fact]
    public void ValuesOutsideTheRange_AreClampedAndCounted_NotThrown()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(-5);
        histogram.Record(long.MaxValue);
        histogram.Record(1_000);

        Assert.Equal(3, histogram.Count);
        Assert.Equal(2, histogram.Clamped);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(10_000_000_000L, histogram.Max);
    }

    [Fact]
    public void Recording_AllocatesNothing()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            histogram.Record(i * 37L);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
