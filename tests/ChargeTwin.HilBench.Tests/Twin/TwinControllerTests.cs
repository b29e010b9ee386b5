using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin;
using Xunit.Abstractions;

namespace ChargeTwin.HilBench.Tests.Twin;

/// <summary>
/// The twin controller reading a DFN plant's constant-current charge (the measurements only; the truth scores it):
/// its plating-overpotential and SOC estimates against the plant's, and what it does with bad measurements.
/// </summary>
public sealed class TwinControllerTests(ITestOutputHelper output)
{
    private static TwinController NewTwin(double soc = PlantTrace.StartSoc) =>
        new(new TwinSpec("twin"), new ControllerContext(5, 15, 4.2, 1, soc, 0.02), CellLibrary.Load("lgm50"));

    [Theory]
    [InlineData(2.0, 25.0, 0.010, 0.02)]
    [InlineData(1.0, 0.0, 0.010, 0.02)]
    public void Estimates_FollowThePlant_WithinTheirBounds(double rate, double ambient, double etaRmsBound_V, double socBound)
    {
        var trace = PlantTrace.Charge("lgm50", rate, ambient);
        var twin = NewTwin();
        double sumSq = 0, maxSoc = 0;
        int n = 0, covered = 0;
        foreach (var s in trace.Samples)
        {
            twin.Step(new MeasuredSample(s.Time_s, s.Voltage_V, s.Current_A, s.Temperature_K, s.StackPressure_Pa), s.Time_s);
            ref readonly var t = ref twin.Telemetry;
            if (s.Time_s < 60)
            {
                continue;
            }

            var e = t.PlatingOverpotential_V.Mean - s.PlatingOverpotential_V;
            sumSq += e * e;
            n++;
            covered += Math.Abs(e) <= 2 * t.PlatingOverpotential_V.Sigma ? 1 : 0;
            maxSoc = Math.Max(maxSoc, Math.Abs(t.StateOfCharge.Mean - s.StateOfCharge));
        }

        var rms = Math.Sqrt(sumSq / n);
        output.WriteLine($"{rate}C {ambient} °C: η_Li RMS {rms * 1000:F1} mV, ±2σ coverage {100.0 * covered / n:F1} %, max |SOC error| {maxSoc * 100:F2} %");
        Assert.True(rms < etaRmsBound_V, $"η_Li RMS error {rms * 1000:F1} mV");
        Assert.True(maxSoc < socBound, $"SOC error up to {maxSoc * 100:F2} %");
    }

    [Fact]
    public void BadMeasurements_NeverReachTheFilter_AreCounted_AndTheSetpointStaysInRange()
    {
        var twin = NewTwin(0.3);
        var bad = new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, 1e9 };
        var random = new Random(5);
        for (var k = 0; k < 600; k++)
        {
            var v = k % 7 == 3 ? bad[random.Next(bad.Length)] : 3.7 + (1e-4 * k);
            var temperature = k % 11 == 5 ? bad[random.Next(bad.Length)] : 298.15;
            var sp = twin.Step(new MeasuredSample(k, v, k % 13 == 7 ? double.NaN : 5, temperature, k % 5 == 1 ? double.NaN : 1e5), k);
            Assert.True(double.IsFinite(sp.CurrentLimit_A) && sp.CurrentLimit_A >= 0 && sp.CurrentLimit_A <= 15, $"period {k}: {sp}");
            Assert.True(double.IsFinite(twin.Telemetry.StateOfCharge.Mean) && double.IsFinite(twin.Telemetry.PlatingOverpotential_V.Sigma), $"period {k}: an estimate turned non-finite");
        }

        ref readonly var t = ref twin.Telemetry;
        Assert.True(t.RejectedNotFinite > 0 && t.RejectedOutOfRange > 0, $"rejected: {t.RejectedNotFinite} not finite, {t.RejectedOutOfRange} out of range");
    }

    [Fact]
    public void MissingMeasurements_MakeTheEstimateLessCertain()
    {
        var twin = NewTwin(0.3);
        for (var k = 0; k < 120; k++)
        {
            twin.Step(new MeasuredSample(k, 3.75, 5, 298.15, 1e5), k);
        }

        var sigma = twin.Telemetry.StateOfCharge.Sigma;
        for (var k = 120; k < 240; k++)
        {
            twin.Step(new MeasuredSample(k, double.NaN, 5, double.NaN, 1e5), k);
        }

        Assert.True(twin.Telemetry.StateOfCharge.Sigma > sigma, $"σ {sigma} → {twin.Telemetry.StateOfCharge.Sigma}");
    }

    [Fact]
    public void SteadyStateDecisions_AllocateNothing()
    {
        var twin = NewTwin(0.3);
        for (var k = 0; k < 50; k++)
        {
            twin.Step(new MeasuredSample(k, 3.7 + (1e-5 * k), 5, 298.15, 1e5 + k), k);
        }

        // 100,000 decisions (about a minute and a half here): the count.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 50; k < 100_050; k++)
        {
            twin.Step(new MeasuredSample(k, 3.7 + (1e-5 * k), 5, 298.15, 1e5 + k), k);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
