using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;

namespace ChargeTwin.RtCore.Tests.Realtime;

public sealed class PeriodicLoopTests
{
    /// <summary>A task that takes a scripted time per tick on a virtual clock and records what it was given.</summary>
    private sealed class ScriptedWork(VirtualClock clock, Func<long, long> workNs) : IPeriodicTask
    {
        public List<(long Now, long Release, long Deadline)> Calls { get; } = [];

        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
            Calls.Add((nowNs, releaseNs, deadlineNs));
            clock.Advance(workNs(Calls.Count - 1));
        }
    }

    [Fact]
    public void Releases_AreAbsolute_SoTheWorkTimeNeverShiftsThem()
    {
        var clock = new VirtualClock(5_000);
        var work = new ScriptedWork(clock, k => 300_000 + (k * 1_000));
        var loop = new PeriodicLoop(clock, 1_000_000);

        loop.Run(work, 100);

        Assert.Equal(100, loop.Ticks);
        for (var k = 0; k < 100; k++)
        {
            Assert.Equal(5_000 + ((k + 1) * 1_000_000L), work.Calls[k].Release);
            Assert.Equal(work.Calls[k].Release, work.Calls[k].Now);
            Assert.Equal(work.Calls[k].Release + 1_000_000, work.Calls[k].Deadline);
        }

        Assert.Equal(0, loop.Overruns);
        Assert.Equal(0, loop.Latency.Max);
    }

    [Fact]
    public void ATickPastItsDeadline_IsAnOverrun_AndTheLoopSkipsToTheNextReleaseInTheFuture()
    {
        var clock = new VirtualClock();
        // Tick 3 takes 2.5 periods: releases 5 and 6 have passed when it ends, so the next tick runs at release 7.
        var work = new ScriptedWork(clock, k => k == 3 ? 2_500_000 : 100_000);
        var loop = new PeriodicLoop(clock, 1_000_000);

        loop.Run(work, 6);

        Assert.Equal(1, loop.Overruns);
        Assert.Equal(2, loop.SkippedReleases);
        Assert.Equal([1_000_000L, 2_000_000, 3_000_000, 4_000_000, 7_000_000, 8_000_000], work.Calls.Select(c => c.Release));
    }

    [Fact]
    public void ATickEndingExactlyAtItsDeadline_IsNotAnOverrun()
    {
        var clock = new VirtualClock();
        var loop = new PeriodicLoop(clock, 1_000_000);

        loop.Run(new ScriptedWork(clock, _ => 1_000_000), 10);

        Assert.Equal(0, loop.Overruns);
        Assert.Equal(10, loop.Ticks);
    }

    [Fact]
    public void Stop_FromAnotherThread_EndsAnUnboundedRun()
    {
        var loop = new PeriodicLoop(MonotonicClock.Instance, 1_000_000);
        var task = new CountingTask();
        var runner = new Thread(() => loop.Run(task));
        runner.Start();
        SpinWait.SpinUntil(() => loop.Ticks >= 20, TimeSpan.FromSeconds(30));
        loop.Stop();

        Assert.True(runner.Join(TimeSpan.FromSeconds(30)));
        Assert.True(loop.Ticks >= 20);
        Assert.Equal(loop.Ticks, task.Ticks);
    }

    [Fact]
    public void OnTheRealClock_EveryWakeUpIsAtOrAfterItsRelease()
    {
        var loop = new PeriodicLoop(MonotonicClock.Instance, 500_000);
        var task = new CountingTask();

        loop.Run(task, 200);

        Assert.Equal(200, task.Ticks);
        Assert.Equal(200, loop.Latency.Count);
        Assert.True(task.EarliestLatencyNs >= 0, $"woke {task.EarliestLatencyNs} ns before a release");
        Assert.Equal(0, loop.Latency.Clamped);
    }

    [Fact]
    public void AMillionTicks_AllocateNothing()
    {
        var clock = new VirtualClock();
        var loop = new PeriodicLoop(clock, 1_000_000);
        var task = new CountingTask();
        loop.Run(task, 1_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        loop.Run(task, 1_000_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1_001_000, task.Ticks);
        Assert.Equal(0, allocated);
    }

    private sealed class CountingTask : IPeriodicTask
    {
        public long Ticks;
        public long EarliestLatencyNs = long.MaxValue;

        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
            Ticks++;
            EarliestLatencyNs = Math.Min(EarliestLatencyNs, nowNs - releaseNs);
        }
    }
}
