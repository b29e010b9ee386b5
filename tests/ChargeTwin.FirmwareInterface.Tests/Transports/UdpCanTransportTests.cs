using System.Net;
using System.Net.Sockets;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Tests.Transports;

/// <summary>Real UDP sockets on loopback.</summary>
public sealed class UdpCanTransportTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void TwoEndsOnLoopback_ExchangeFramesBothWays()
    {
        (UdpCanTransport a, UdpCanTransport b) = Pair();
        using (a)
        using (b)
        {
            for (int i = 0; i < 500; i++)
            {
                Assert.True(a.TrySend(new CanFrame(0x100, BitConverter.GetBytes(i))));
                Assert.True(b.TryReceive(out CanFrame f, s_wait), $"frame {i} did not arrive");
                Assert.Equal(i, BitConverter.ToInt32(f.Data[..4]));
                Assert.Equal(4, f.Dlc);
                Assert.True(b.TrySend(new CanFrame(0x18FF0001, [(byte)i], extended: true)));
                Assert.True(a.TryReceive(out CanFrame g, s_wait));
                Assert.True(g.IsExtended);
                Assert.Equal(0x18FF0001u, g.Id);
            }

            Assert.Equal((500, 500), (a.Statistics.Sent, b.Statistics.Received));
        }
    }

    [Fact]
    public void NonBlockingReceive_ReturnsFalseWhenNothingIsWaiting()
    {
        (UdpCanTransport a, UdpCanTransport b) = Pair();
        using (a)
        using (b)
        {
            Assert.False(b.TryReceive(out _));
            Assert.False(b.TryReceive(out _, TimeSpan.FromMilliseconds(10)));
        }
    }

    [Fact]
    public void GarbageDatagram_IsCountedAsMalformed_AndTheNextFrameStillArrives()
    {
        (UdpCanTransport a, UdpCanTransport b) = Pair();
        using (a)
        using (b)
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            raw.SendTo(new byte[] { 1, 2, 3, 4, 5 }, b.LocalEndPoint);
            a.TrySend(new CanFrame(0x42, [0x42]));

            Assert.True(b.TryReceive(out CanFrame f, s_wait));
            Assert.Equal(0x42u, f.Id);
            Assert.Equal(1, b.Statistics.Malformed);
        }
    }

    [Fact]
    public void ReceivedFrames_AreStampedWithTheGivenClock()
    {
        long now = 123_456_789;
        using var a = new UdpCanTransport(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 9));
        using var b = new UdpCanTransport(new IPEndPoint(IPAddress.Loopback, 0), a.LocalEndPoint, () => now);
        using var c = new UdpCanTransport(new IPEndPoint(IPAddress.Loopback, 0), b.LocalEndPoint);
        c.TrySend(new CanFrame(1, []));
        Assert.True(b.TryReceive(out CanFrame f, s_wait));
        Assert.Equal(now, f.TimestampNs);
    }

    [Fact]
    public void BindingAPortInUse_GivesOneClearLine()
    {
        using var a = new UdpCanTransport(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 9));
        var e = Assert.Throws<CanTransportException>(() => new UdpCanTransport(a.LocalEndPoint, new IPEndPoint(IPAddress.Loopback, 9)));
        Assert.StartsWith($"udp: cannot bind {a.LocalEndPoint}:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SendAndReceive_AllocateNothingAfterWarmUp()
    {
        (UdpCanTransport a, UdpCanTransport b) = Pair();
        using (a)
        using (b)
        {
            var frame = new CanFrame(0x180, [1, 2, 3, 4, 5, 6, 7, 8]);
            void RoundTrip()
            {
                a.TrySend(frame);
                while (!b.TryReceive(out _))
                {
                }
            }

            for (int i = 0; i < 200; i++)
            {
                RoundTrip();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++)
            {
                RoundTrip();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    internal static (UdpCanTransport A, UdpCanTransport B) Pair()
    {
        // Bind both to free ports first, then point each at the other.
        using var probeA = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var probeB = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probeA.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        probeB.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var epA = (IPEndPoint)probeA.LocalEndPoint!;
        var epB = (IPEndPoint)probeB.LocalEndPoint!;
        probeA.Close();
        probeB.Close();
        return (new UdpCanTransport(epA, epB), new UdpCanTransport(epB, epA));
    }
}
