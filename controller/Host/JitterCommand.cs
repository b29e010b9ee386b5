using System.CommandLine;
using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;
using ChargeTwin.RtCore.Realtime;

namespace ChargeTwin.ControllerHost;

/// <summary>
/// <c>jitter</c>: the host's own periodic loop (rt-core, the same code the controller runs) with an empty tick, and
/// the wake-up latency it sees — min / mean / p99 / p99.9 / max — after the real-time set-up it asked for, each
/// request reported as granted or refused. <c>scripts/jitter-vs-cyclictest.sh</c> runs it beside cyclictest.
/// </summary>
public static class JitterCommand
{
    public static Command Create()
    {
        var period = new Option<int>("--period-us") { Description = "loop period [µs]", DefaultValueFactory = _ => 1000 };
        var cycles = new Option<int>("--cycles") { Description = "releases to measure", DefaultValueFactory = _ => 20000 };
        var fifo = new Option<int?>("--fifo") { Description = "SCHED_FIFO priority (1–99); unset: the default scheduler" };
        var mlock = new Option<bool>("--mlock") { Description = "mlockall(MCL_CURRENT | MCL_FUTURE) before the loop" };
        var cpu = new Option<int?>("--cpu") { Description = "pin the loop thread to this CPU" };
        var command = new Command("jitter", "measure the periodic loop's wake-up latency") { period, cycles, fifo, mlock, cpu };
        command.SetAction(parse => Run(parse.GetValue(period), parse.GetValue(cycles), parse.GetValue(fifo), parse.GetValue(mlock), parse.GetValue(cpu)));
        return command;
    }

    private static int Run(int period_us, int cycles, int? fifo, bool mlock, int? cpu)
    {
        if (period_us is < 50 or > 10_000_000)
        {
            return HostCli.Usage($"--period-us {period_us}: the period must be 50 µs … 10 s");
        }

        if (cycles is < 1 or > 100_000_000)
        {
            return HostCli.Usage($"--cycles {cycles}: must be 1 … 100,000,000");
        }

        var options = new RealtimeOptions(fifo, mlock, cpu is { } c ? [c] : null);
        var loop = new PeriodicLoop(MonotonicClock.Instance, period_us * 1000L);
        IReadOnlyList<RealtimeGrant> grants = [];
        var thread = new Thread(() =>
        {
            grants = RealtimeSetup.Apply(options);
            loop.Run(new EmptyTick(), Math.Min(1000, cycles)); // warm-up: page in the loop, the clock and the histogram
            loop.Latency.Reset();
            loop.Run(new EmptyTick(), cycles);
        })
        { Name = "jitter loop" };
        thread.Start();
        thread.Join();
        foreach (var g in grants)
        {
            Console.WriteLine(g);
        }

        Console.WriteLine(System.FormattableString.Invariant($"period {period_us} µs, overruns {loop.Overruns}, skipped releases {loop.SkippedReleases}"));
        Console.WriteLine("wake-up latency: " + loop.Latency.Summary());
        return HostCli.Ok;
    }

    private sealed class EmptyTick : IPeriodicTask
    {
        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
        }
    }
}
