using ChargeTwin.Controller.Twin.Detection;
using Xunit.Abstractions;

namespace ChargeTwin.HilBench.Tests.Twin.Detection;

/// <summary>
/// The detectors against the DFN plant, `lgm50`, campaign mesh: a forced-plating charge (2C from 10 % SOC at 0 °C
/// until 4.2 V) and a non-plating one (0.5C from 10 % at 25 °C until 4.2 V). The twin's thickness and voltage
/// predictions are stand-ins read from the plant's truth (see <see cref="PlatingCharge"/>) — only in this bench
/// test, while the twin's model is not written. The table this prints is the one in controller/Twin/Detection/README.md.
/// </summary>
public sealed class PlatingDetectionTests(ITestOutputHelper output)
{
    private const ulong Seed = 2026;

    [Fact]
    public void DetectionTable_ForcedAndNonPlatingCharges()
    {
        var calm = new PlatingCharge("lgm50", 25, 0.1, "Charge at 0.5C until 4.2 V");
        output.WriteLine("charge                          | deposit | expected Δh           | gain from      | onset SOC | pressure alarm SOC (delay) | voltage alarm SOC (delay) | max evidence P / V");
        var calmInCharge = Row("0.5C 25 °C (no plating)", calm, 0, ExpectedThickness.Perfect, false, null);
        var calmCarried = Row("0.5C 25 °C (no plating)", calm, 0, ExpectedThickness.Perfect, true, calm);
        Row("0.5C 25 °C (no plating)", calm, 0, ExpectedThickness.ThermalOnePercentHigh, true, calm);
        Row("0.5C 25 °C (no plating)", calm, 0, ExpectedThickness.ThermalOnePercentLow, true, calm);
        Assert.True(double.IsNaN(calmInCharge.OnsetSoc), "the 0.5C charge at 25 °C should not plate");
        Assert.True(double.IsNaN(calmInCharge.PressureAlarmSoc) && double.IsNaN(calmInCharge.VoltageAlarmSoc), "false alarm on the non-plating charge");
        Assert.True(double.IsNaN(calmCarried.PressureAlarmSoc), "false alarm on the non-plating charge with the learnt gain");

        foreach (var porosity in new[] { 0.0, 0.5, 0.8 })
        {
            var forced = new PlatingCharge("lgm50", 0, 0.1, "Charge at 2C until 4.2 V", porosity);
            var inCharge = Row("2C 0 °C", forced, porosity, ExpectedThickness.Perfect, false, null);
            var carried = Row("2C 0 °C", forced, porosity, ExpectedThickness.Perfect, true, calm);
            Row("2C 0 °C", forced, porosity, ExpectedThickness.ScaledAndOffset, true, calm);
            Row("2C 0 °C", forced, porosity, ExpectedThickness.ThermalOnePercentHigh, true, calm);
            Row("2C 0 °C", forced, porosity, ExpectedThickness.ThermalOnePercentLow, true, calm);
            Assert.False(double.IsNaN(inCharge.OnsetSoc), "the 2C charge at 0 °C should plate");
            Assert.False(inCharge.PressureAlarmSoc < inCharge.OnsetSoc || carried.PressureAlarmSoc < carried.OnsetSoc, "pressure alarm before the onset");
            Assert.True(carried.PressureAlarmSoc > carried.OnsetSoc, "with the learnt gain and a perfect expectation the pressure detector should alarm after the onset");
        }
    }

    private DetectionRun Row(string name, PlatingCharge charge, double porosity, ExpectedThickness expectation, bool carried, PlatingCharge? calibration)
    {
        var detector = carried ? DetectionRun.CalibratedOn(calibration!, expectation, Seed + 100) : new PressurePlatingDetector(DetectionRun.Options);
        var run = new DetectionRun(charge, expectation, detector, Seed);
        output.WriteLine(System.FormattableString.Invariant(
            $"{name,-31} | φ = {porosity:0.0} | {expectation,-21} | {(carried ? "0.5C 25 °C run" : "first 0.25 Ah"),-14} | {Percent(run.OnsetSoc),9} | {Alarm(run.PressureAlarmSoc, run.OnsetSoc),26} | {Alarm(run.VoltageAlarmSoc, run.OnsetSoc),25} | {run.PressureEvidence,6:F1} / {run.VoltageEvidence:F1}"));
        return run;
    }

    private static string Percent(double soc) => double.IsNaN(soc) ? "—" : System.FormattableString.Invariant($"{soc * 100:F1} %");

    private static string Alarm(double soc, double onset) =>
        double.IsNaN(soc) ? "none" : System.FormattableString.Invariant($"{soc * 100:F1} % ({(double.IsNaN(onset) ? "false" : $"{(soc - onset) * 100:+0.0;-0.0}")})");
}
