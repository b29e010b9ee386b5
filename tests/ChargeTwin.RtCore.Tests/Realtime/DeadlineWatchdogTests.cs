using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;
using ChargeTwin.RtCore.Watchdog;

namespace ChargeTwin.RtCore.Tests.Realtime;

public sealed class DeadlineWatchdogTests
{
    private sealed class Idle : IPeriodicTask
    {
        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
        }
    }

    [Fact]
    public void WhileTheLoopTicks_TheDeviceIsKicked_AndWhenItStops_TheExpiryFiresOnce_AndKickingStops()
    {
        var device = Path.GetTempFileName();
        try
        {
            var loop = new PeriodicLoop(MonotonicClock.Instance, 1_000_000);
            var expiries = 0;
            long kicksAtExpiry = -1;
            DeadlineWatchdog? watchdog = null;
            using (watchdog = new DeadlineWatchdog(loop, 50_000_000, _ =>
            {
                expiries++;
                kicksAtExpiry = watchdog!.Kicks;
            }, device))
            {
                var runner = new Thread(() => loop.Run(new Idle(), 300)); // 0.3 s of ticking
                runner.Start();
                runner.Join();
                Assert.True(SpinWait.SpinUntil(() => watchdog.Expiries == 1, TimeSpan.FromSeconds(30)));
                Thread.Sleep(200); // the loop stays stopped: no second expiry, no more kicks
                Assert.Equal(1, watchdog.Expiries);
                Assert.Equal(kicksAtExpiry, watchdog.Kicks);
                Assert.True(kicksAtExpiry > 0);
            }

            var written = File.ReadAllBytes(device);
            Assert.Equal((byte)'V', written[^1]); // magic close: the device disarms
            Assert.Equal(kicksAtExpiry, written.Length - 1);
            Assert.Equal(1, expiries);
        }
        finally
        {
            File.Delete(device);
        }
    }
}
