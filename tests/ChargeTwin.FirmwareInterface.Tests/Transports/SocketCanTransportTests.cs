using System.Runtime.Versioning;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Tests.Transports;

/// <summary>
/// SocketCAN needs kernel CAN support and a CAN interface; set CHARGETWIN_CAN_IFACE (default vcan0) to one
/// that is up, e.g. <c>modprobe vcan; ip link add dev vcan0 type vcan; ip link set up vcan0</c>.
/// Where the kernel lacks it the round-trip test is skipped with the reason.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SocketCanTransportTests
{
    private static string Interface => Environment.GetEnvironmentVariable("CHARGETWIN_CAN_IFACE") ?? "vcan0";

    [SkippableFact]
    public void TwoSocketsOnOneInterface_SeeEachOthersFrames()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SocketCAN exists only on Linux");
        Skip.IfNot(Directory.Exists("/proc/net/can"), "this kernel has no CAN support (no /proc/net/can): SocketCAN cannot be tested here");
        Skip.IfNot(Directory.Exists($"/sys/class/net/{Interface}"), $"no CAN interface {Interface}: ip link add dev {Interface} type vcan && ip link set up {Interface}");

        using var a = new SocketCanTransport(Interface);
        using var b = new SocketCanTransport(Interface);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(a.TrySend(new CanFrame(0x180, [(byte)i, 2, 3])));
            Assert.True(b.TryReceive(out CanFrame f, TimeSpan.FromSeconds(2)), $"frame {i} did not arrive");
            Assert.Equal((0x180u, (byte)3, (byte)i), (f.Id, f.Dlc, f.Data[0]));
        }

        Assert.True(a.TrySend(new CanFrame(0x18DAF110, [9], extended: true)));
        Assert.True(b.TryReceive(out CanFrame e, TimeSpan.FromSeconds(2)));
        Assert.True(e.IsExtended);
        Assert.False(b.TryReceive(out _));
    }

    [Fact]
    public void OpeningAMissingInterface_GivesOneClearLine_NotACrash()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = Assert.Throws<CanTransportException>(() => new SocketCanTransport("nosuchcan7"));
        Assert.StartsWith("socketcan: cannot open 'nosuchcan7': ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        if (!Directory.Exists("/proc/net/can"))
        {
            Assert.EndsWith("this kernel has no CAN support (no /proc/net/can)", e.Message, StringComparison.Ordinal);
        }
    }
}
