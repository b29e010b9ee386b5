using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Validation;
using ChargeTwin.Tests.Shared;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The LG M50 pulse file's reader: one replayable test per pulse, the cycler's step instants dropped, bad input located.</summary>
public sealed class PulseTestReaderTests
{
    private static IReadOnlyList<PulseTest> Read(string text, string name = "pulses.csv") => PulseTestReader.Read(new StringReader(text), name);

    [Fact]
    public void EveryPulseIsItsOwnTest_CellsAreNotAveraged()
    {
        var pulses = Read(PulseFiles.ThreePulses());

        Assert.Equal(3, pulses.Count);
        Assert.Equal(["pulse T25 50% Cell1", "pulse T25 50% Cell2", "pulse T0 90% Cell19"], pulses.Select(p => p.Test.Name));
        Assert.Equal([25.0, 25.0, 0.0], pulses.Select(p => p.Temperature_C));
        Assert.Equal([50, 50, 90], pulses.Select(p => p.StateOfCharge_percent));
        Assert.Equal([2, 116, 230], pulses.Select(p => p.Line));
        Assert.Equal("pulses.csv:116", pulses[1].Test.Source);
        Assert.Equal(3.70130, pulses[1].Test.InitialRestVoltage_V);
    }

    [Fact]
    public void TheInitialState_IsTheRestBeforeThePulse_NotTheStepInstantLoggedAtZeroCurrent()
    {
        var test = Read(PulseFiles.ThreePulses())[0].Test;

        // the step instant's row reads 0 A with the loaded voltage (3.70106 − 7.5 A × 30 mΩ): not a rest voltage
        Assert.Equal(3.70106, test.InitialRestVoltage_V);
        Assert.Equal(25.0 + 273.15, test.Ambient_K, 9);
        var pulse = test.Profile.Where(p => p.Current_A < 0).ToArray();
        Assert.Equal(-7.5, pulse.Sum(p => p.Current_A * p.Duration_s) / pulse.Sum(p => p.Duration_s), 9);
        Assert.Equal(10.0, pulse.Sum(p => p.Duration_s), 6);
        Assert.Equal(0.0, test.Profile[^1].Current_A);
        Assert.Contains(TestSegment.Discharge, test.Segment);
        Assert.Contains(TestSegment.RestAfterDischarge, test.Segment);
        Assert.InRange(test.Segment.Count(s => s == TestSegment.Discharge), 30, PulseTestReader.DefaultOptions.PointsPerDischarge);

        // no point within 0.25 s after a current step, where the cycler logs one step's voltage with the other's current
        var pulseStart = test.Profile.First(p => p.Current_A < 0).Start_s;
        var pulseEnd = pulse[^1].End_s;
        for (var k = 0; k < test.Count; k++)
        {
            var since = test.Time_s[k] - (test.Segment[k] == TestSegment.Discharge ? pulseStart : pulseEnd);
            Assert.True(since >= 0.25, $"point {k} at {test.Time_s[k]} s, {since} s after its step");
        }

        // every compared voltage under current is the pulse's, every one after it the relaxation's
        for (var k = 0; k < test.Count; k++)
        {
            Assert.True(test.Segment[k] == TestSegment.Discharge ? test.Voltage_V[k] < 3.48 : test.Voltage_V[k] > 3.68, $"point {k}: {test.Voltage_V[k]} V in {test.Segment[k]}");
        }
    }

    [Fact]
    public void ARealPulseTheCyclerStoppedAtTheCutOff_IsKeptAsRecorded()
    {
        var pulse = Assert.Single(Read(PulseFiles.RealCutOffPulse, "LGM50_5Ah_Pulse_all.csv"));
        var test = pulse.Test;

        Assert.Equal((10.0, 10, "Cell13"), (pulse.Temperature_C, pulse.StateOfCharge_percent, pulse.Cell));
        Assert.Equal(3.0429, test.InitialRestVoltage_V); // the R row, not the D row at 0 A reading 2.64719 V
        Assert.Equal(10.9 + 273.15, test.InitialTemperature_K, 9);
        var under = test.Profile.Where(p => p.Current_A < 0).ToArray();
        Assert.Equal(0.665, under.Sum(p => p.Duration_s), 3);
        Assert.InRange(under.Sum(p => p.Current_A * p.Duration_s) / 0.665, -7.50, -7.47);
        Assert.Equal(2.42856, test.Voltage_V[Array.LastIndexOf(test.Segment, TestSegment.Discharge)], 5); // the last sample under current
    }

    [Theory]
    [InlineData("bad column", "pulses.csv:1: column 'Temp': unknown column of a pulse file")]
    [InlineData("no current column", "pulses.csv:1: header: no 'Current' column")]
    [InlineData("bad temperature", "pulses.csv:3: temperature: 'Tx' is not a chamber temperature label (T0, T10, T25, T45: −40…80 °C)")]
    [InlineData("bad soc", "pulses.csv:2: soc: 'SoC90' is not an SOC label (SoC0…SoC10: tens of per cent)")]
    [InlineData("bad voltage", "pulses.csv:5: Voltage: '3.4x' is not a number")]
    [InlineData("short row", "pulses.csv:6: row: 17 fields where the header has 18")]
    [InlineData("time backwards", "pulses.csv:8: ProgTime: time goes backwards (1000.1 s after 1000.32 s)")]
    [InlineData("resumed group", "pulses.csv:230: temperature, soc, cell: the rows of T25 50 % Cell1 resume here after other pulses' rows (they started at line 2); a pulse's rows must be contiguous")]
    [InlineData("no current", "pulses.csv:2: Current: T25 50 % Cell1 has no sample under current")]
    [InlineData("starts under current", "pulses.csv:2: Current: T25 50 % Cell1 starts under current: the rest sample before the pulse is missing")]
    [InlineData("charging", "pulses.csv:20: Current: T25 50 % Cell1: a charging current in a file of discharge pulses")]
    [InlineData("bad status", "pulses.csv:4: Status: 'X' is not a cycler step status (P, R: pause or rest; D: discharge; C: charge)")]
    [InlineData("empty", "pulses.csv:1: header: the file is empty")]
    [InlineData("header only", "pulses.csv:1: rows: no pulses after the header")]
    public void BadInput_IsOneLocatedError(string what, string expected)
    {
        var lines = PulseFiles.ThreePulses().TrimEnd('\n').Split('\n').ToList();
        string Field(int line, int column, string value)
        {
            var f = lines[line - 1].Split(',');
            f[column] = value;
            return string.Join(',', f);
        }

        switch (what)
        {
            case "bad column": lines[0] = lines[0].Replace("LogTemp002", "Temp", StringComparison.Ordinal); break;
            case "no current column": lines[0] = lines[0].Replace(",Current,", ",Watt,", StringComparison.Ordinal); break;
            case "bad temperature": lines[2] = Field(3, 0, "Tx"); break;
            case "bad soc": lines[1] = Field(2, 1, "SoC90"); break;
            case "bad voltage": lines[4] = Field(5, 10, "3.4x"); break;
            case "short row": lines[5] = lines[5][..lines[5].LastIndexOf(',')]; break;
            case "time backwards": lines[7] = Field(8, 7, "1000.1"); break;
            case "resumed group": lines[229] = string.Join(',', ["T25", "SoC5", "Cell1", .. lines[229].Split(',').Skip(3)]); break;
            case "no current":
                for (var l = 2; l <= 116; l++)
                {
                    lines[l - 1] = Field(l, 11, "0.0");
                }

                break;
            case "starts under current": lines[1] = Field(2, 11, "-7.5"); break;
            case "charging": lines[19] = Field(20, 11, "7.5"); break;
            case "bad status": lines[3] = Field(4, 3, "X"); break;
            case "empty": lines = []; break;
            case "header only": lines = [lines[0]]; break;
        }

        var e = Assert.Throws<MeasuredDataException>(() => Read(string.Join('\n', lines) + (lines.Count > 0 ? "\n" : "")));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SeededMutations_GiveAResultOrALocatedReaderError_NeverAnotherException()
    {
        var valid = PulseFiles.Header + "\n" + PulseFiles.Pulse("T25", "SoC5", "Cell1", 3.70106, -7.5, 1000) + PulseFiles.Pulse("T0", "SoC9", "Cell19", 4.08, -2.5, 3000);
        var errors = 0;
        foreach (var text in SeededMutations.Of(valid, 27, 300, ",.-0123456789eTSoCel PDR\n"))
        {
            try
            {
                Assert.All(Read(text), p => Assert.True(p.Test.Count > 0));
            }
            catch (MeasuredDataException e)
            {
                errors++;
                Assert.Matches(@"^pulses\.csv:[0-9]+: ", e.Message);
                Assert.DoesNotContain('\n', e.Message);
            }
        }

        Assert.InRange(errors, 30, 300); // the mutations reach the checks, not only the parts nobody reads
    }
}
