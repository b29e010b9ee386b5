using ChargeTwin.RtCore.Rings;

namespace ChargeTwin.RtCore.Tests.Realtime;

public sealed class SpscRingTests
{
    private readonly record struct Decision(long Sequence, double Current_A);

    [Fact]
    public void TwoThreads_MoveAMillionRecords_InOrder_WithoutLoss()
    {
        const int n = 1_000_000;
        var ring = new SpscRing<Decision>(1024);
        var producer = new Thread(() =>
        {
            for (long i = 0; i < n; i++)
            {
                while (!ring.TryWrite(new Decision(i, i * 0.5)))
                {
                    Thread.SpinWait(10);
                }
            }
        });
        producer.Start();

        long expected = 0;
        while (expected < n)
        {
            if (ring.TryRead(out var d))
            {
                Assert.Equal(expected, d.Sequence);
                Assert.Equal(expected * 0.5, d.Current_A);
                expected++;
            }
        }

        Assert.True(producer.Join(TimeSpan.FromSeconds(60)));
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void AFullRing_RefusesAndCounts_AndAnEmptyOneReadsNothing()
    {
        var ring = new SpscRing<Decision>(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryWrite(new Decision(i, 0)));
        }

        Assert.False(ring.TryWrite(new Decision(4, 0)));
        Assert.Equal(1, ring.Refused);
        Assert.Equal(4, ring.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryRead(out var d));
            Assert.Equal(i, d.Sequence);
        }

        Assert.False(ring.TryRead(out _));
        Assert.Equal(0, ring.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void ACapacityThatIsNotAPowerOfTwo_IsRefused(int capacity)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SpscRing<Decision>(capacity));
        Assert.Contains("power of two", e.Message);
    }

    [Fact]
    public void WritingAndReading_AllocateNothing()
    {
        var ring = new SpscRing<Decision>(64);
        ring.TryWrite(new Decision(0, 0));
        ring.TryRead(out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            ring.TryWrite(new Decision(i, i));
            ring.TryRead(out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
