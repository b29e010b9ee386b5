using System.Globalization;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.HilBench.Tests.Validation;

public sealed class MeasuredTestReaderTests
{
    private static string DataFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    [Fact]
    public void LgM50RateTest_ReadsByHeaderNames_WithMidCanTemperature()
    {
        var path = DataFile("measured", "lgm50_widanage", "LGM50_5Ah_RateTest_T25_cRate_1C.csv");
        var t = MeasuredTestReader.ReadCsv(path);
        Assert.Equal(29295, t.Count);
        var rows = File.ReadLines(path).Select(l => l.Split(',')).ToList();
        var mid = Array.IndexOf(rows[0], "cellTemp_mid_degC");
        Assert.Equal(rows.Skip(1).Select(r => double.Parse(r[mid], CultureInfo.InvariantCulture)), t.Temperature_C!);
        var (start, end) = t.DischargeSegment(0.05);
        var q = t.CumulativeCharge_Ah(start, end);
        Assert.Equal(-4.78, q[^1], 0.02); // the 1C discharge capacity PROVENANCE.md quotes
        Assert.Equal(2.5, t.Voltage_V[end], 0.01);
    }

    [Fact]
    public void BpxExampleTest_ReadsItsColumnNames()
    {
        var path = Path.Combine(ChargeTwin.Cells.Tests.TestFiles.Cells, "bpx", "lfp_18650", "LFP_25degC_1C.csv");
        var t = MeasuredTestReader.ReadCsv(path);
        Assert.Null(t.Temperature_C);
        Assert.Equal(File.ReadLines(path).Count() - 1, t.Count); // every row after the header
    }

    [Fact]
    public void UnknownColumn_IsRejected_NamingFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"measured-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "time_s,current_A,voltage_V,humidity\n0,0,4.1,50\n");
        var e = Assert.Throws<MeasuredDataException>(() => MeasuredTestReader.ReadCsv(path));
        Assert.StartsWith($"{Path.GetFileName(path)}:1: column 'humidity': unknown column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldWithAFormFeed_IsQuotedOnOneLine()
    {
        // found by the measured fuzz harness (issue 29): the field was quoted with its form feed
        var path = Path.Combine(Path.GetTempPath(), $"measured-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "time_s,current_A,voltage_V\n0,0,4\f1\n");
        var e = Assert.Throws<MeasuredDataException>(() => MeasuredTestReader.ReadCsv(path));
        Assert.Equal($"{Path.GetFileName(path)}:2: voltage_V: '4 1' is not a number", e.Message);
    }

    [Fact]
    public void AFirstLineOfSeparatorsOnly_IsReadAsAHeader_NotAnIndexError()
    {
        // found by the measured fuzz harness: the calibration's check for a headerless curve took the first field of ",,,"
        var path = Path.Combine(Path.GetTempPath(), $"measured-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, ",,,\n0,0,4.1,1\n");
        var e = Assert.Throws<MeasuredDataException>(() => ChargeTwin.HilBench.Calibration.CalibrationData.Load(path, new(), 298.15));
        Assert.StartsWith($"{Path.GetFileName(path)}:1: column '': unknown column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeGoingBackwards_IsRejected_NamingTheLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"measured-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "time_s,current_A,voltage_V\n0,0,4.1\n2,-1,4.0\n1,-1,3.9\n");
        var e = Assert.Throws<MeasuredDataException>(() => MeasuredTestReader.ReadCsv(path));
        Assert.Equal($"{Path.GetFileName(path)}:4: time_s: time goes backwards (1 s after 2 s)", e.Message);
    }

    [Fact]
    public void NonNumericField_IsRejected_NamingLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"measured-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "time_s,current_A,voltage_V\n0,0,4.1\n1,-1,four\n");
        var e = Assert.Throws<MeasuredDataException>(() => MeasuredTestReader.ReadCsv(path));
        Assert.Equal($"{Path.GetFileName(path)}:3: voltage_V: 'four' is not a number", e.Message);
    }
}
