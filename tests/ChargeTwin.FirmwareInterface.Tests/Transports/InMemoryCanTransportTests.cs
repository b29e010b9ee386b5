using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Tests.Transports;

public sealed class InMemoryCanTransportTests
{
    [Fact]
    public void EachEnd_ReceivesWhatTheOtherSends_InOrder()
    {
        (InMemoryCanTransport a, InMemoryCanTransport b) = InMemoryCanTransport.CreatePair(16);
        for (byte i = 0; i < 10; i++)
        {
            Assert.True(a.TrySend(new CanFrame(0x100u + i, [i], timestampNs: i)));
        }

        Assert.True(b.TrySend(new CanFrame(0x7FF, [])));
        for (byte i = 0; i < 10; i++)
        {
            Assert.True(b.TryReceive(out CanFrame f));
            Assert.Equal((0x100u + i, i, (long)i), (f.Id, f.Data[0], f.TimestampNs));
        }

        Assert.False(b.TryReceive(out _));
        Assert.True(a.TryReceive(out CanFrame back));
        Assert.Equal(0x7FFu, back.Id);
        Assert.Equal((10, 1), (a.Statistics.Sent, a.Statistics.Received));
    }

    [Fact]
    public void FullReceiveQueue_RefusesAndCountsInsteadOfBlocking()
    {
        (InMemoryCanTransport a, InMemoryCanTransport b) = InMemoryCanTransport.CreatePair(4);
        int accepted = 0;
        for (int i = 0; i < 10; i++)
        {
            accepted += a.TrySend(new CanFrame(1, [])) ? 1 : 0;
        }

        Assert.Equal(4, accepted);
        Assert.Equal(6, a.Statistics.SendFailed);
        Assert.Equal(6, b.Statistics.Dropped);
    }

    [Fact]
    public void TimedReceive_ReturnsFalseWhenNothingArrives_AndTrueWhenAFrameIsWaiting()
    {
        (InMemoryCanTransport a, InMemoryCanTransport b) = InMemoryCanTransport.CreatePair();
        Assert.False(b.TryReceive(out _, TimeSpan.FromMilliseconds(5)));
        a.TrySend(new CanFrame(5, [5]));
        Assert.True(b.TryReceive(out CanFrame f, TimeSpan.FromMilliseconds(5)));
        Assert.Equal(5u, f.Id);
    }

    [Fact]
    public void SendAfterThePeerIsDisposed_FailsAndIsCounted()
    {
        (InMemoryCanTransport a, InMemoryCanTransport b) = InMemoryCanTransport.CreatePair();
        b.Dispose();
        Assert.False(a.TrySend(new CanFrame(1, [])));
        Assert.Equal(1, a.Statistics.SendFailed);
    }

    [Fact]
    public void CrossThread_ProducerAndConsumer_LoseNothing()
    {
        (InMemoryCanTransport a, InMemoryCanTransport b) = InMemoryCanTransport.CreatePair(64);
        const int N = 200_000;
        var producer = new Thread(() =>
        {
            for (int i = 0; i < N; i++)
            {
                var f = new CanFrame(1, BitConverter.GetBytes(i));
                while (!a.TrySend(f))
                {
                    Thread.Yield();
                }
            }
        });
        producer.Start();
        int expected = 0;
        while (expected < N)
        {
            if (b.TryReceive(out CanFrame f, TimeSpan.FromSeconds(10)))
            {
                Assert.Equal(expected, BitConverter.ToInt32(f.Data[..4]));
                expected++;
            }
            else
            {
                Assert.Fail($"stalled after {expected} frames");
            }
        }

        producer.Join();
        Assert.Equal(N, b.Statistics.Received);
    }
}
