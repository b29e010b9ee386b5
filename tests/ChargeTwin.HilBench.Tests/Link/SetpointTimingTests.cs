using ChargeTwin.HilBench.Link;

namespace ChargeTwin.HilBench.Tests.Link;

/// <summary>The latency and missed-cycle accounting of real-time HIL, on arrival times written out by hand.</summary>
public sealed class SetpointTimingTests
{
    private const long Ms = 1_000_000;

    private static byte[] Setpoint(byte counter, byte current, byte crc = 0) => [crc, counter, current, 0, 0, 0, 0, 0];

    [Fact]
    public void ANewSetpoint_IsTimedFromTheNewestSampleSentBeforeTheControllerTickThatSentIt()
    {
        var timing = new SetpointTiming(20 * Ms, 10 * Ms);
        // The bench sends a sample every 10 ms at phase 3 ms; the controller's ticks begin at 0, 10, 20 … ms and its
        // unchanged setpoints arrive 0.2 ms into them.
        for (long t = 3 * Ms; t < 100 * Ms; t += 10 * Ms)
        {
            timing.OnSampleSent(t);
        }

        timing.OnSetpoint((20 * Ms) + (Ms / 5), Setpoint(0, 1, crc: 7));
        timing.OnSetpoint((40 * Ms) + (Ms / 5), Setpoint(1, 1, crc: 9)); // same content: counter and CRC do not count
        // A decision at the tick of 50 ms that took 8.5 ms: it arrives at 58.7 ms, after the sample of 53 ms was sent,
        // but the controller took its frames at 50 ms: it decided on the sample of 43 ms.
        timing.OnSetpoint((58 * Ms) + (7 * Ms / 10), Setpoint(2, 2));
        Assert.Equal(1, timing.Latency.Count);
        Assert.Equal((15 * Ms) + (7 * Ms / 10), timing.Latency.Max, 0.002 * 15.7 * Ms); // the histogram's resolution
        Assert.Equal(3, timing.Setpoints);
    }

    [Fact]
    public void TheGrid_IsTheEarliestArrivalPhaseOfTheUnchangedSetpoints()
    {
        var timing = new SetpointTiming(20 * Ms, 10 * Ms);
        timing.OnSampleSent(9 * Ms);
        timing.OnSampleSent(19 * Ms);
        timing.OnSampleSent(29 * Ms);
        timing.OnSampleSent(39 * Ms);
        timing.OnSetpoint(Ms, Setpoint(0, 1));          // the first: no gap, no grid yet
        timing.OnSetpoint((21 * Ms) + (5 * Ms / 10), Setpoint(1, 1)); // woke 1.5 ms late
        timing.OnSetpoint((40 * Ms) + (Ms / 10), Setpoint(2, 1));     // 0.1 ms: the earliest phase so far
        // A decision arriving 40.9 ms: the tick began at ≈ 40.1 ms → the sample of 39 ms, 1.9 ms before arrival.
        timing.OnSetpoint((40 * Ms) + (9 * Ms / 10), Setpoint(3, 5));
        Assert.Equal(1, timing.Latency.Count);
        Assert.Equal(19 * Ms / 10, timing.Latency.Max, 0.002 * 1.9 * Ms);
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(30, 0)] // half a cycle late is late, not missed
    [InlineData(31, 1)]
    [InlineData(40, 1)]
    [InlineData(60, 2)]
    [InlineData(81, 3)]
    public void AGap_MissesTheCyclesWhoseDueTimePassedByMoreThanHalfACycle(int gapMs, int missed)
    {
        var timing = new SetpointTiming(20 * Ms, 10 * Ms);
        timing.OnSetpoint(100 * Ms, Setpoint(0, 1));
        timing.OnSetpoint((100 + gapMs) * Ms, Setpoint(1, 1));
        Assert.Equal(missed, timing.MissedCycles);
        Assert.Equal(gapMs * Ms, timing.LongestGapNs);
    }
}
