using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Tests.Faults;

/// <summary>Each sensor fault changes the reading as it should, and only while it acts.</summary>
public sealed class SensorFaultTests
{
    private static readonly SensorChannelSpec Noisy = new(Noise: 1e-3, Bias: 0, Quantisation: 0, Lag_s: 0);

    private static SensorChannel Channel(SensorChannelSpec spec, SensorChannelId id, params FaultSpec[] faults) => new(spec, id, 77, new FaultTimeline(faults));

    private static FaultSpec Fault(FaultKind kind, SensorChannelId channel, double at, double value = 0, double duration = double.PositiveInfinity) =>
        new(kind, channel, at, duration, value);

    /// <summary>A truth that moves, so a held value is visibly held.</summary>
    private static double Truth(double t) => 3.7 + (0.001 * t);

    [Fact]
    public void Stuck_HoldsTheReadingAtItsOnset_UntilItEnds()
    {
        var c = Channel(Noisy, SensorChannelId.Voltage, Fault(FaultKind.Stuck, SensorChannelId.Voltage, 10, duration: 20));
        var held = double.NaN;
        for (var t = 0.0; t < 40; t += 0.5)
        {
            var r = c.Read(Truth(t), t, t);
            if (t is >= 10 and < 30)
            {
                held = double.IsNaN(held) ? r : held;
                Assert.Equal(held, r);
            }
            else
            {
                Assert.InRange(r - Truth(t), -0.006, 0.006);
            }
        }
    }

    [Fact]
    public void Drift_GrowsLinearlyFromTheOnset()
    {
        var plain = Channel(Noisy, SensorChannelId.Current);
        var drifting = Channel(Noisy, SensorChannelId.Current, Fault(FaultKind.Drift, SensorChannelId.Current, 5, value: 0.02));
        for (var t = 0.0; t < 60; t += 1)
        {
            var error = drifting.Read(Truth(t), t, t) - plain.Read(Truth(t), t, t);
            Assert.Equal(t < 5 ? 0 : 0.02 * (t - 5), error, 12);
        }
    }

    [Fact]
    public void NoiseBurst_MultipliesTheNoise_AndOffsetAddsItsValue()
    {
        var plain = Channel(Noisy, SensorChannelId.Voltage);
        var burst = Channel(Noisy, SensorChannelId.Voltage, Fault(FaultKind.NoiseBurst, SensorChannelId.Voltage, 2, value: 20, duration: 3));
        var offset = Channel(Noisy, SensorChannelId.Voltage, Fault(FaultKind.Offset, SensorChannelId.Voltage, 2, value: 0.05));
        for (var t = 0.0; t < 10; t += 0.25)
        {
            var noise = plain.Read(Truth(t), t, t) - Truth(t);
            Assert.Equal(t is >= 2 and < 5 ? 20 * noise : noise, burst.Read(Truth(t), t, t) - Truth(t), 12);
            Assert.Equal(t >= 2 ? noise + 0.05 : noise, offset.Read(Truth(t), t, t) - Truth(t), 12);
        }
    }

    [Theory]
    [InlineData(SensorChannelId.Voltage, 0.0)]
    [InlineData(SensorChannelId.Current, 0.0)]
    [InlineData(SensorChannelId.Temperature, 233.15)]
    [InlineData(SensorChannelId.Pressure, 0.0)]
    public void OpenCircuit_ReadsWhatAnOpenInputGivesOnThatChannel(SensorChannelId id, double open)
    {
        var c = Channel(Noisy, id, Fault(FaultKind.OpenCircuit, id, 1));
        Assert.NotEqual(open, c.Read(300, 0, 0));
        Assert.Equal(open, c.Read(300, 1, 1));
        Assert.Equal(open, SensorChannel.OpenCircuitReading(id));
    }

    [Fact]
    public void AtSoc_BeginsAtTheControlInstantTheTrueSocReachesIt()
    {
        var timeline = new FaultTimeline([new FaultSpec(FaultKind.Offset, SensorChannelId.Voltage, 0, 10, 0.1) { AtSoc = 0.5 }]);
        var c = new SensorChannel(Noisy with { Noise = 0 }, SensorChannelId.Voltage, 1, timeline);
        timeline.Arm(100, 0.49);
        Assert.Equal(3.7, c.Read(3.7, 100, 100));
        Assert.True(double.IsNaN(timeline.FirstOnset_s(100)));
        timeline.Arm(101, 0.501);
        timeline.Arm(102, 0.52); // later crossings do not move the onset
        Assert.Equal(101, timeline.Onset_s(0));
        Assert.Equal(3.8, c.Read(3.7, 101.5, 101.5), 12);
        Assert.Equal(3.7, c.Read(3.7, 111, 111), 12);
    }
}
