using ChargeTwin.Controller.Twin.Detection;
using Xunit.Abstractions;

namespace ChargeTwin.Controller.Tests.Twin.Detection;

/// <summary>
/// The default thresholds on charges without plating: no alarm in any of them. The largest evidence reached is
/// written out — it is what the default threshold was chosen from (README.md).
/// </summary>
public sealed class FalseAlarmTests(ITestOutputHelper output)
{
    private const int Charges = 400;

    [Theory]
    [InlineData(10.0, 10.0, 1e-3, false)]  // 2C on the bench's sensors: 10 Pa and 1 mV steps
    [InlineData(10.0, 2.0, 1e-4, false)]   // 2C through the CAN wire's 2 Pa and 0.1 mV
    [InlineData(2.5, 10.0, 1e-3, false)]   // 0.5C
    [InlineData(15.0, 10.0, 1e-3, false)]  // 3C
    [InlineData(10.0, 10.0, 1e-3, true)]   // 2C, the fixture gain learnt on an earlier charge
    public void NullCharges_NeverAlarm_AtTheDefaultThresholds(double current_A, double pressureStep_Pa, double voltageStep_V, bool gainFromEarlierCharge)
    {
        var pressureMax = new List<double>(Charges);
        var voltageMax = new List<double>(Charges);
        var alarms = 0;
        for (var seed = 0; seed < Charges; seed++)
        {
            var charge = new SyntheticCharge(seed, current_A, pressureStep_Pa: pressureStep_Pa) { VoltageStep_V = voltageStep_V };
            var pressure = gainFromEarlierCharge ? DetectorRuns.PressureCalibratedOnEarlierCharge(-1 - seed) : DetectorRuns.Pressure();
            var voltage = new VoltagePlatingDetector(new VoltageDetectorOptions());
            var (p, v) = DetectorRuns.MaximumEvidence(charge, pressure, voltage);
            pressureMax.Add(p);
            voltageMax.Add(v);
            alarms += (pressure.Alarm ? 1 : 0) + (voltage.Alarm ? 1 : 0);
        }

        output.WriteLine(System.FormattableString.Invariant(
            $"{Charges} charges at {current_A} A, {pressureStep_Pa} Pa, gain from earlier charge {gainFromEarlierCharge}: max evidence pressure median {DetectorRuns.Quantile(pressureMax, 0.5):F2} p99 {DetectorRuns.Quantile(pressureMax, 0.99):F2} max {pressureMax.Max():F2}; voltage median {DetectorRuns.Quantile(voltageMax, 0.5):F2} p99 {DetectorRuns.Quantile(voltageMax, 0.99):F2} max {voltageMax.Max():F2}"));
        Assert.Equal(0, alarms);
    }
}
