using ChargeTwin.RtCore.Realtime;

namespace ChargeTwin.RtCore.Tests.Realtime;

public sealed class RealtimeSetupTests
{
    [Fact]
    public void NothingRequested_IsReportedAsNotRequested()
    {
        var grants = RealtimeSetup.Apply(new RealtimeOptions());

        Assert.All(grants, g => Assert.Equal(RealtimeGrantState.NotRequested, g.State));
        Assert.Equal(["CPU affinity", "mlockall", "SCHED_FIFO"], grants.Select(g => g.What));
    }

    [Fact]
    public void EveryRequest_IsGrantedOrRefusedWithTheSystemsReason_NeverThrown()
    {
        // Run on a thread of its own: a granted SCHED_FIFO or affinity must not leak into the test runner's threads.
        IReadOnlyList<RealtimeGrant> grants = [];
        var thread = new Thread(() => grants = RealtimeSetup.Apply(new RealtimeOptions(FifoPriority: 80, LockMemory: false, Cpus: [0])));
        thread.Start();
        thread.Join();

        Assert.Equal(RealtimeGrantState.Granted, grants[0].State); // CPU 0 always exists, and a thread may narrow its own affinity
        Assert.Equal(RealtimeGrantState.NotRequested, grants[1].State);
        var fifo = grants[2];
        Assert.NotEqual(RealtimeGrantState.NotRequested, fifo.State);
        if (fifo.State == RealtimeGrantState.Refused)
        {
            Assert.Matches("errno [0-9]+", fifo.Detail);
        }

        Assert.StartsWith("SCHED_FIFO: ", fifo.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void APriorityOutsideTheRange_IsRefusedByName(int priority)
    {
        IReadOnlyList<RealtimeGrant> grants = [];
        var thread = new Thread(() => grants = RealtimeSetup.Apply(new RealtimeOptions(FifoPriority: priority)));
        thread.Start();
        thread.Join();

        Assert.Equal(RealtimeGrantState.Refused, grants[2].State);
        Assert.Contains($"priority {priority} is outside 1–", grants[2].Detail);
    }

    [Fact]
    public void ACpuThatCannotExist_IsRefusedByName()
    {
        var grants = RealtimeSetup.Apply(new RealtimeOptions(Cpus: [5000]));

        Assert.Equal(RealtimeGrantState.Refused, grants[0].State);
        Assert.Contains("CPU 5000 is outside", grants[0].Detail);
    }
}
