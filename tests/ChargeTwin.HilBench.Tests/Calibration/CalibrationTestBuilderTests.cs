using System.Globalization;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Validation;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Measured tests become replayable current pieces and comparison points on the measured time grid.</summary>
public sealed class CalibrationTestBuilderTests
{
    private static readonly MeasuredTest T45OneC = MeasuredTestReader.ReadCsv(CalibrationFiles.RateTest("T45", "1C"));

    [Fact]
    public void DischargeAndRest_AreReplayed_ChargeOnlyOnRequest()
    {
        var test = CalibrationTestBuilder.FromMeasured(T45OneC);

        Assert.Contains(TestSegment.Discharge, test.Segment);
        Assert.Contains(TestSegment.RestAfterDischarge, test.Segment);
        Assert.DoesNotContain(TestSegment.Charge, test.Segment);
        Assert.Equal(0.0, test.Profile[^1].Current_A);

        var withCharge = CalibrationTestBuilder.FromMeasured(T45OneC, new ReplayOptions { IncludeCharge = true });
        Assert.Contains(TestSegment.Charge, withCharge.Segment);
        Assert.Contains(TestSegment.RestAfterCharge, withCharge.Segment);
        Assert.True(withCharge.End_s > test.End_s);
    }

    [Fact]
    public void CurrentPieces_PreserveTheMeasuredCharge_AndAreContiguous()
    {
        var options = new ReplayOptions { IncludeCharge = true };
        var test = CalibrationTestBuilder.FromMeasured(T45OneC, options);
        var (start, end) = T45OneC.DischargeSegment(options.RestThreshold_A);
        var measuredDischarge = T45OneC.CumulativeCharge_Ah(start, end)[^1];
        var replayedDischarge = test.Profile.Where(p => p.Current_A < 0).Sum(p => p.Current_A * p.Duration_s) / 3600;

        Assert.Equal(measuredDischarge, replayedDischarge, 6);
        Assert.Equal(measuredDischarge, test.MeasuredDischarge_Ah, 12);
        Assert.Equal(0.0, test.Profile[0].Start_s);
        for (var i = 1; i < test.Profile.Length; i++)
        {
            Assert.Equal(test.Profile[i - 1].End_s, test.Profile[i].Start_s, 9);
        }

        // the 45 °C 1C test starts at C/2 for a moment, then 1C: two discharge pieces, not hundreds
        Assert.InRange(test.Profile.Count(p => p.Current_A < 0), 2, 4);
        Assert.InRange(test.Profile.Count(p => p.Current_A > 0), 2, 200);
    }

    [Fact]
    public void ComparisonPoints_AreMeasuredSamples_NotRightAfterACurrentStep()
    {
        var options = new ReplayOptions();
        var test = CalibrationTestBuilder.FromMeasured(T45OneC, options);
        var t0 = T45OneC.Time_s[T45OneC.DischargeSegment(options.RestThreshold_A).Start];
        for (var k = 0; k < test.Count; k++)
        {
            var time = test.Time_s[k] + t0;
            var voltage = test.Voltage_V[k];
            var index = Enumerable.Range(0, T45OneC.Count).FirstOrDefault(i => T45OneC.Time_s[i] == time && T45OneC.Voltage_V[i] == voltage, -1);
            Assert.True(index >= 0, $"point {k} at {test.Time_s[k]} s is not a measured sample");
            Assert.Equal(T45OneC.Voltage_V[index], test.Voltage_V[k]);
            Assert.Equal(T45OneC.Temperature_C![index] + 273.15, test.Temperature_K![k], 9);
        }

        Assert.True(test.Time_s.Zip(test.Time_s.Skip(1)).All(p => p.Second > p.First));
        var restStart = test.Profile.First(p => p.Current_A == 0).Start_s;
        var restPoints = test.Time_s.Where((_, k) => test.Segment[k] == TestSegment.RestAfterDischarge).ToArray();
        Assert.All(restPoints, t => Assert.True(t >= restStart + options.SkipAfterStep_s));
        Assert.True(test.Segment.Count(s => s == TestSegment.Discharge) <= options.PointsPerDischarge);
        Assert.True(test.Segment.Count(s => s == TestSegment.RestAfterDischarge) <= options.PointsPerRest);
    }

    [Fact]
    public void InitialState_ComesFromTheRestBeforeTheDischarge_AndAmbientFromTheMeasuredTemperature()
    {
        var test = CalibrationTestBuilder.FromMeasured(T45OneC);

        Assert.Equal(4.17251, test.InitialRestVoltage_V);
        Assert.Equal(42.6 + 273.15, test.Ambient_K, 9);
        Assert.Equal(test.Ambient_K, test.InitialTemperature_K);
        Assert.Equal(1.0, test.DischargeRate_C, 1);
    }

    [Fact]
    public void MislabelledFirstRestSample_FallsBackToTheEndOfFileRestVoltage()
    {
        // LG M50 45 °C 1.5C: the first row reads 4.054 V at "0 A", 118 mV below every other rested full cell
        var test = CalibrationTestBuilder.FromMeasured(MeasuredTestReader.ReadCsv(CalibrationFiles.RateTest("T45", "1p5C")));

        Assert.Equal(4.17196, test.InitialRestVoltage_V, 4);
        Assert.Contains("end-of-file rest voltage", test.InitialStateNote, StringComparison.Ordinal);
    }

    [Fact]
    public void BpxMeasuredFile_IsReadByItsHeaderNames()
    {
        // the BPX example's tests: "Time [s]", "I[A]", "U[V]", no temperature; a rest sample, then a 1C discharge
        var path = Path.Combine(CalibrationFiles.RepositoryRoot, "controller", "Cells", "parameter-sets", "bpx", "lfp_18650", "LFP_25degC_1C.csv");
        var test = CalibrationData.Load(path, new ReplayOptions { NominalCapacity_Ah = 2 }, 298.15);

        Assert.False(test.HasTemperature);
        Assert.Equal(298.15, test.Ambient_K);
        Assert.Contains(TestSegment.Discharge, test.Segment);

        // What the file says, read here without the builder: its first voltage, its current, its charge (trapezoid).
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var charge_Ah = rows.Zip(rows.Skip(1)).Sum(p => 0.5 * (p.First[1] + p.Second[1]) * (p.Second[0] - p.First[0])) / 3600;
        Assert.Equal(rows[0][2], test.InitialRestVoltage_V, 6);
        Assert.Equal(rows.Where(r => r[1] < -1).Average(r => -r[1]) / 2, test.DischargeRate_C, 2);
        Assert.Equal(charge_Ah, test.MeasuredDischarge_Ah, 2);
    }

    [Fact]
    public void DigitisedCurve_IsAConstantCurrentDischargeAtTheStatedRate()
    {
        var path = CalibrationFiles.Write("curve.csv", "# t, V\n0, 4.1\n600, 3.9\n1200, 3.7\n1800, 3.5\n");
        var test = CalibrationData.Load(path + "@2C", new ReplayOptions { NominalCapacity_Ah = 5 }, 298.15);

        Assert.Single(test.Profile);
        Assert.Equal(-10.0, test.Profile[0].Current_A);
        Assert.Equal(1800.0, test.End_s);
        Assert.Equal([600.0, 1200, 1800], test.Time_s);
        Assert.Equal(1.0, test.InitialStateOfCharge);
    }

    [Fact]
    public void HeaderlessCurveWithoutRate_SaysHowToGiveTheRate()
    {
        var path = CalibrationFiles.Write("curve.csv", "0, 4.1\n600, 3.9\n");
        var error = Assert.Throws<MeasuredDataException>(() => CalibrationData.Load(path, new ReplayOptions(), 298.15));

        Assert.Equal($"curve.csv:1: header: no header: a headerless two-column curve (time [s], voltage [V]) needs its C-rate, e.g. --data {path}@1C", error.Message);
    }

    [Fact]
    public void UnknownColumn_AndTimeGoingBackwards_AreOneLineErrorsNamingFileLineAndField()
    {
        var unknown = CalibrationFiles.Write("unknown.csv", "time_s,current_A,voltage_V,cellTemp_core_degC\n0,0,4.1,25\n");
        var backwards = CalibrationFiles.Write("backwards.csv", "time_s,current_A,voltage_V\n0,0,4.1\n10,-5,4.0\n5,-5,3.9\n");

        var e1 = Assert.Throws<MeasuredDataException>(() => CalibrationData.Load(unknown, new ReplayOptions(), 298.15));
        var e2 = Assert.Throws<MeasuredDataException>(() => CalibrationData.Load(backwards, new ReplayOptions(), 298.15));

        Assert.StartsWith("unknown.csv:1: column 'cellTemp_core_degC': unknown column", e1.Message, StringComparison.Ordinal);
        Assert.Equal("backwards.csv:4: time_s: time goes backwards (5 s after 10 s)", e2.Message);
        Assert.DoesNotContain('\n', e1.Message);
    }

    [Fact]
    public void TestWithoutRestBeforeTheDischarge_IsRejected()
    {
        var path = CalibrationFiles.Write("norest.csv", "time_s,current_A,voltage_V\n0,-5,4.0\n10,-5,3.9\n20,0,4.0\n");
        var error = Assert.Throws<MeasuredDataException>(() => CalibrationData.Load(path, new ReplayOptions(), 298.15));

        Assert.Equal("norest.csv:2: current: no rest sample before the discharge to take the initial state from", error.Message);
    }
}
