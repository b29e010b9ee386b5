using System.Globalization;
using System.Text;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Validation;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The OCV table's reader and the comparison of a cell's OCV with it.</summary>
public sealed class OcvTableTests
{
    private static readonly ParameterSet Lgm50 = CellLibrary.Load("lgm50");

    [Fact]
    public void TheSharedLgm50Table_IsRead_AsTheHeaderSays()
    {
        var path = Path.Combine(CalibrationFiles.LgM50, "LGM50_5Ah_OCV_T25.csv");

        Assert.True(OcvTable.IsOcvTable(path));
        Assert.False(PulseTestReader.IsPulseFile(path));
        var table = OcvTable.Read(path);

        Assert.Equal(101, table.Count);
        Assert.Equal(0, table.StateOfCharge_percent[0]);
        Assert.Equal(100, table.StateOfCharge_percent[^1]);
        Assert.Equal(2.8722666666666665, table.Voltage_V[0]);
        Assert.Equal(4.17532536875376, table.Voltage_V[^1]);
        Assert.Equal(0.0021111101223551345, table.Hysteresis_V[1]);
    }

    [Theory]
    [InlineData("refSoC_percent,meanOCV_V,hys\n0,3,0\n", "ocv.csv:1: column 'hys': unknown column of an OCV table (known: refSoC_percent, meanOCV_V, meanHys_V)")]
    [InlineData("refSoC_percent,meanOCV_V\n0,3\n", "ocv.csv:1: header: no 'meanHys_V' column")]
    [InlineData("refSoC_percent,meanOCV_V,meanHys_V\n0,3,0\n1,3.1,0\n1,3.2,0\n", "ocv.csv:4: refSoC_percent: SOC must increase (1 after 1)")]
    [InlineData("refSoC_percent,meanOCV_V,meanHys_V\n0,3,0\n1,x,0\n", "ocv.csv:3: meanOCV_V: 'x' is not a number")]
    [InlineData("refSoC_percent,meanOCV_V,meanHys_V\n0,3,0\n101,3.1,0\n", "ocv.csv:3: refSoC_percent: 101 is outside 0–100 %")]
    [InlineData("refSoC_percent,meanOCV_V,meanHys_V\n0,3,0\n1,3.1\n", "ocv.csv:3: row: 2 fields where the header has 3")]
    [InlineData("refSoC_percent,meanOCV_V,meanHys_V\n0,3,0\n1,3.1,0\n", "ocv.csv:3: rows: fewer than three points")]
    [InlineData("", "ocv.csv:1: header: the file is empty")]
    public void BadInput_IsOneLocatedError(string text, string expected)
    {
        var e = Assert.Throws<MeasuredDataException>(() => OcvTable.Read(new StringReader(text), "ocv.csv"));
        Assert.Equal(expected, e.Message);
    }

    /// <summary>A table written from the cell's own OCV between two SOCs, on its own SOC scale, with an offset inside.</summary>
    private static OcvTable OwnTable(double low, double high, double innerOffset_V)
    {
        var p = new DfnParameters(Lgm50, null, 298.15, 298.15);
        var windows = StoichiometryWindows.Compute(p);
        var w = new StringBuilder("refSoC_percent,meanOCV_V,meanHys_V\n");
        for (var k = 0; k <= 50; k++)
        {
            var soc = low + k / 50.0 * (high - low);
            var v = StoichiometryWindows.Ocp(p.Positive, windows.PositiveStoichiometry(soc), 298.15, p.ReferenceTemperature_K)
                - StoichiometryWindows.Ocp(p.Negative, windows.NegativeStoichiometry(soc), 298.15, p.ReferenceTemperature_K);
            w.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{2 * k},{v + (k is > 0 and < 50 ? innerOffset_V : 0):R},0"));
        }

        return OcvTable.Read(new StringReader(w.ToString()), "own.csv");
    }

    [Fact]
    public void TheCellsOwnOcv_OnAnyStretchOfItsSocScale_Matches()
    {
        var c = OcvComparison.Of(Lgm50, OwnTable(0.08, 0.93, 0));

        Assert.InRange(c.Rms_mV, 0, 0.01);
        Assert.Equal(0.08, c.ModelSocAtEnds.Low, 6);
        Assert.Equal(0.93, c.ModelSocAtEnds.High, 6);
    }

    [Fact]
    public void AnOffsetInsideTheEnds_IsMeasured_TheEndsStayPinned()
    {
        var c = OcvComparison.Of(Lgm50, OwnTable(0.08, 0.93, 0.005));

        Assert.Equal(5.0, c.InnerRms_mV, 2);
        Assert.Equal(5.0 * Math.Sqrt(49.0 / 51.0), c.Rms_mV, 2);
        Assert.Equal(5.0, c.MaxAbs_mV, 2);
        Assert.Equal(0.08, c.ModelSocAtEnds.Low, 6);
    }
}
