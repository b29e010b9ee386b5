using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>No row trips in an hour of nominal CC-CV charge seen through the bench's sensor noise, biases and quantisation.</summary>
public sealed class NominalChargeTests
{
    [Theory]
    [InlineData(1, 298.15)]
    [InlineData(2, 298.15)]
    [InlineData(3, 283.15)]
    public void NoRow_Trips_InOneHourOfNominalCharge(int seed, double ambient_K)
    {
        var run = new MonitorRun(seed, ambient_K);
        string? first = null;
        var maxSos = 0.0;

        run.RunUntil(3600, stop: m =>
        {
            maxSos = Math.Max(maxSos, m.StateOfSafety);
            first ??= m.Verdict.IsNominal ? null : $"{m.Verdict.Cause} at {run.Charge.Time_s:0.00} s";
            return first is not null;
        });

        Assert.True(first is null, $"tripped: {first}");
        Assert.True(maxSos < 0.1, $"state of safety reached {maxSos:0.000}");
        Assert.True(run.Charge.TrueVoltage_V >= 4.2 - 1e-6, "the synthetic charge should have reached its CV phase");
    }

    [Fact]
    public void NominalCharge_EvaluatesEveryWindowedSignal()
    {
        // Guards the test above against passing because a window never filled.
        var run = new MonitorRun();
        var seen = new bool[DiagnosisSignalInfo.All.Count];

        run.RunUntil(60, stop: m =>
        {
            foreach (var info in DiagnosisSignalInfo.All)
            {
                seen[(int)info.Signal] |= !double.IsNaN(m.SignalValue(info.Signal));
            }

            return false;
        });

        var never = DiagnosisSignalInfo.All.Where(s => !seen[(int)s.Signal]).Select(s => s.Name).ToList();
        Assert.True(never.Count == 0, "never evaluated: " + string.Join(", ", never));
    }
}
