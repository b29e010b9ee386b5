using ChargeTwin.Controller.Twin.Detection;

namespace ChargeTwin.Controller.Tests.Twin.Detection;

/// <summary>Bad inputs, the learnt fixture, the CUSUM's arithmetic, and allocation on the loop thread.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteInputs_AreSkippedAndCounted_AndChangeNothing(double bad)
    {
        var clean = DetectorRuns.Pressure();
        var dirty = DetectorRuns.Pressure();
        var cleanV = new VoltagePlatingDetector(new VoltageDetectorOptions());
        var dirtyV = new VoltagePlatingDetector(new VoltageDetectorOptions());
        var charge = new SyntheticCharge(7) { PressureExcess_PaPerAh = 2000, StepCharge_Ah = 1 };
        var expected = 0;
        for (var k = 0; k < 1500; k++)
        {
            charge.Next();
            clean.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
            dirty.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
            cleanV.Update(charge.Time_s, charge.Charge_Ah, charge.Voltage_V, charge.Current_A, charge.ExpectedVoltage_V);
            dirtyV.Update(charge.Time_s, charge.Charge_Ah, charge.Voltage_V, charge.Current_A, charge.ExpectedVoltage_V);
            if (k % 100 == 50)
            {
                dirty.Update(bad, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
                dirty.Update(charge.Time_s, bad, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
                dirty.Update(charge.Time_s, charge.Charge_Ah, bad, charge.ExpectedThickness_m, 0);
                dirty.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, bad, 0);
                dirty.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, bad);
                dirtyV.Update(charge.Time_s, charge.Charge_Ah, bad, charge.Current_A, charge.ExpectedVoltage_V);
                dirtyV.Update(charge.Time_s, charge.Charge_Ah, charge.Voltage_V, bad, charge.ExpectedVoltage_V);
                dirtyV.Update(charge.Time_s, charge.Charge_Ah, charge.Voltage_V, charge.Current_A, bad);
                expected++;
            }
        }

        Assert.Equal(5 * expected, dirty.Rejected);
        Assert.Equal(3 * expected, dirtyV.Rejected);
        Assert.Equal(0, clean.Rejected);
        Assert.Equal(clean.Evidence, dirty.Evidence);
        Assert.Equal(clean.MeasuredDpDq_PaPerAh, dirty.MeasuredDpDq_PaPerAh);
        Assert.Equal(clean.AlarmCharge_Ah, dirty.AlarmCharge_Ah);
        Assert.True(clean.Alarm);
        Assert.Equal(cleanV.Evidence, dirtyV.Evidence);
    }

    [Fact]
    public void FixtureGainAndPreload_AreLearnt_ThenFrozen()
    {
        var detector = DetectorRuns.Pressure();
        var charge = new SyntheticCharge(3);
        for (var k = 0; k < 600; k++)
        {
            charge.Next();
            detector.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
        }

        Assert.True(detector.GainFrozen);
        Assert.Equal(SyntheticCharge.Gain_PaPerM, detector.FixtureGain_PaPerM, 0.01 * SyntheticCharge.Gain_PaPerM);
        Assert.InRange(Math.Abs(detector.FixtureGain_PaPerM - SyntheticCharge.Gain_PaPerM), 0, 4 * detector.FixtureGainSigma_PaPerM);
        Assert.Equal(SyntheticCharge.Preload_Pa, detector.Preload_Pa, 100.0);
        Assert.Equal(charge.WindowDpDq_PaPerAh(0.25), detector.ExpectedDpDq_PaPerAh, 0.01 * charge.WindowDpDq_PaPerAh(0.25));
    }

    [Fact]
    public void PageCusum_AccumulatesAboveTheDrift_AndLatchesItsFirstAlarm()
    {
        var cusum = new PageCusum(0.5, 2);
        cusum.Update(-3, 0, 0);
        Assert.Equal(0, cusum.Statistic);
        cusum.Update(1.5, 1, 0.1);
        cusum.Update(1.5, 2, 0.2);
        Assert.Equal(2, cusum.Statistic);
        Assert.True(cusum.Alarm);
        cusum.Update(-10, 3, 0.3);
        Assert.True(cusum.Alarm);
        Assert.Equal(2, cusum.AlarmTime_s);
        Assert.Equal(0.2, cusum.AlarmCharge_Ah);
        cusum.Reset();
        Assert.False(cusum.Alarm);
        Assert.True(double.IsNaN(cusum.AlarmCharge_Ah));
    }

    [Fact]
    public void Update_AllocatesNothing_Over100000Periods()
    {
        var pressure = DetectorRuns.Pressure();
        var voltage = new VoltagePlatingDetector(new VoltageDetectorOptions());
        var samples = new double[5, 100_000];
        var charge = new SyntheticCharge(11, current_A: 0.05) { PressureExcess_PaPerAh = 500, StepCharge_Ah = 0.5 };
        for (var k = 0; k < 100_000; k++)
        {
            charge.Next();
            (samples[0, k], samples[1, k], samples[2, k], samples[3, k], samples[4, k]) = (charge.Charge_Ah * 100, charge.Pressure_Pa, charge.ExpectedThickness_m, charge.Voltage_V, charge.ExpectedVoltage_V);
        }

        void Run(int from, int to)
        {
            for (var k = from; k < to; k++)
            {
                pressure.Update(k, samples[0, k], samples[1, k], samples[2, k], 1e-8);
                pressure.Update(k, double.NaN, samples[1, k], samples[2, k], 1e-8);
                voltage.Update(k, samples[0, k], samples[3, k], 5, samples[4, k]);
            }
        }

        Run(0, 5000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(0, 100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(pressure.GainFrozen);
    }
}
