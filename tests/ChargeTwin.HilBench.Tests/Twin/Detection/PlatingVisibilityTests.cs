using Xunit.Abstractions;

namespace ChargeTwin.HilBench.Tests.Twin.Detection;

/// <summary>
/// Is the plated deposit visible in dP/dQ at the bench's fixture at all? The forced-plating charge's dP/dQ over 30 s
/// steps, total and the plated lithium's part alone (truth), for a dense deposit and for a porous one (the plant's
/// lithium molar volume divided by 1 − φ; the plant has no porosity option of its own).
/// </summary>
public sealed class PlatingVisibilityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.0, 50.0, 100.0)]
    [InlineData(0.8, 250.0, 500.0)]
    public void PlatedDeposit_AddsAFractionOfAPercentToDpDq(double porosity, double minimumPeak_PaPerAh, double maximumPeak_PaPerAh)
    {
        var run = new PlatingCharge("lgm50", 0, 0.1, "Charge at 2C until 4.2 V", porosity);
        var g = PlatingCharge.FixtureGain_PaPerM;
        const int Step = 30;
        double peak = 0, totalAtPeak = 0;
        for (var i = Step; i < run.Length; i += Step)
        {
            var (a, b) = (run.Plant[i - Step], run.Plant[i]);
            var dq = (b.Time_s - a.Time_s) * b.Current_A / 3600;
            var total = (b.StackPressure_Pa - a.StackPressure_Pa) / dq;
            var plated = g * (run.PlatedThickness_m[i] - run.PlatedThickness_m[i - Step]) / dq;
            (peak, totalAtPeak) = plated > peak ? (plated, total) : (peak, totalAtPeak);
            output.WriteLine(System.FormattableString.Invariant(
                $"t {b.Time_s,4:F0} s  SOC {b.StateOfCharge * 100,5:F1} %  η_Li {b.PlatingOverpotential_V * 1000,6:F1} mV  T {b.Temperature_K - 273.15,5:F1} °C  dP/dQ {total,6:F0}  plated part {plated,6:F1} Pa/Ah  V − V_twin {(b.Voltage_V - run.TwinVoltage_V[i]) * 1000,5:F2} mV"));
        }

        output.WriteLine(System.FormattableString.Invariant($"φ = {porosity}: plated part peaks at {peak:F0} Pa/Ah where dP/dQ is {totalAtPeak:F0} Pa/Ah ({100 * peak / totalAtPeak:F2} %)"));
        Assert.InRange(peak, minimumPeak_PaPerAh, maximumPeak_PaPerAh);
        Assert.InRange(peak / totalAtPeak, 0, 0.01);
    }
}
