using ChargeTwin.Controller.Twin.Detection;
using Xunit.Abstractions;

namespace ChargeTwin.Controller.Tests.Twin.Detection;

/// <summary>A step in the slope at 1 A h of a 2C charge: how much charge passes before the alarm.</summary>
public sealed class DetectionDelayTests(ITestOutputHelper output)
{
    private const double Step_Ah = 1.0;

    [Theory]
    [InlineData(300.0, false, 0.6)]   // 4σ of one window's dP/dQ, the gain learnt on an earlier charge
    [InlineData(1000.0, false, 0.4)]
    [InlineData(1000.0, true, 0.6)]   // the gain learnt in this charge's first 0.25 A h: its error is a dead band
    public void PressureStep_IsDetected_WithinTheStatedCharge(double excess_PaPerAh, bool gainInCharge, double maximumDelay_Ah)
    {
        var delays = new List<double>();
        for (var seed = 0; seed < 50; seed++)
        {
            var charge = new SyntheticCharge(seed) { PressureExcess_PaPerAh = excess_PaPerAh, StepCharge_Ah = Step_Ah };
            var detector = gainInCharge ? DetectorRuns.Pressure() : DetectorRuns.PressureCalibratedOnEarlierCharge(-1 - seed);
            var voltage = new VoltagePlatingDetector(new VoltageDetectorOptions());
            DetectorRuns.MaximumEvidence(charge, detector, voltage);
            Assert.True(detector.Alarm, $"seed {seed}: no alarm for a {excess_PaPerAh} Pa/Ah step");
            Assert.True(detector.AlarmCharge_Ah > Step_Ah, $"seed {seed}: alarm at {detector.AlarmCharge_Ah:F3} A h, before the step");
            delays.Add(detector.AlarmCharge_Ah - Step_Ah);
        }

        output.WriteLine(System.FormattableString.Invariant($"{excess_PaPerAh} Pa/Ah, gain in charge {gainInCharge}: delay median {DetectorRuns.Quantile(delays, 0.5):F3} A h, max {delays.Max():F3} A h"));
        Assert.InRange(delays.Max(), 0, maximumDelay_Ah);
    }

    [Fact]
    public void VoltageStep_IsDetected_WithinTheStatedCharge()
    {
        var delays = new List<double>();
        for (var seed = 0; seed < 50; seed++)
        {
            var charge = new SyntheticCharge(seed) { VoltageExcess_VPerAh = -10e-3, StepCharge_Ah = Step_Ah };
            var voltage = new VoltagePlatingDetector(new VoltageDetectorOptions());
            DetectorRuns.MaximumEvidence(charge, DetectorRuns.Pressure(), voltage);
            Assert.True(voltage.Alarm && voltage.AlarmCharge_Ah > Step_Ah, $"seed {seed}: alarm {voltage.Alarm} at {voltage.AlarmCharge_Ah:F3} A h");
            delays.Add(voltage.AlarmCharge_Ah - Step_Ah);
        }

        output.WriteLine(System.FormattableString.Invariant($"-10 mV/Ah: delay median {DetectorRuns.Quantile(delays, 0.5):F3} A h, max {delays.Max():F3} A h"));
        Assert.InRange(delays.Max(), 0, 0.6);
    }
}
