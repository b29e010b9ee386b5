using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Plant;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The replay's ±2σ band against a case with a closed form: the contact resistance moves the voltage by I·ΔR under current and not at rest.</summary>
public sealed class PredictionBandTests
{
    private const string Resistance = "Contact resistance [Ohm]";
    private const string HeatTransfer = "Total heat transfer coefficient [W.m-2.K-1]";

    private static readonly ModelOptions Coarse = new() { NegativeVolumes = 5, SeparatorVolumes = 5, PositiveVolumes = 5, NegativeShells = 5, PositiveShells = 5 };

    /// <summary>lgm50 with an uncertainty section of two parameters: R (σ_R) and h, which ended on a bound, correlated ρ with R.</summary>
    private static ParameterSet Cell(double sigmaR, double rho, bool heatTransferAtBound)
    {
        var lgm50 = CellLibrary.Load("lgm50");
        var doc = CellFileDocument.FromSet(lgm50);
        var r = lgm50.Scalar(Resistance);
        var h = lgm50.Scalar(HeatTransfer);
        const double sigmaLnH = 0.1;
        doc.Uncertainty = new ParameterUncertainty(
            [
                new UncertainParameter(Resistance, r, FitScale.Linear, sigmaR, 0, 0.1),
                new UncertainParameter(HeatTransfer, h, FitScale.Log, sigmaLnH * h, 0.5, 500, heatTransferAtBound),
            ],
            new[,] { { sigmaR * sigmaR, rho * sigmaR * sigmaLnH }, { rho * sigmaR * sigmaLnH, sigmaLnH * sigmaLnH } },
            new[,] { { 1, rho }, { rho, 1 } },
            true,
            "test",
            100,
            1,
            "");
        return doc.ToSet("test");
    }

    private static CalibrationTest Pulse() =>
        PulseTestReader.Read(new StringReader(PulseFiles.Header + "\n" + PulseFiles.Pulse("T25", "SoC5", "Cell1", 3.70106, -7.5, 1000)), "p.csv")[0].Test;

    [Fact]
    public void UnderCurrent_SigmaIsCurrentTimesTheConditionalSigmaOfR_AtRestNearlyZero()
    {
        const double sigmaR = 0.002;
        const double rho = 0.6;
        var test = Pulse();

        var band = PredictionBand.Compute(Cell(sigmaR, rho, heatTransferAtBound: true), [test], Coarse, workers: 1)!;

        // h ended on a bound: held, and R's variance is the conditional one, σ_R²(1 − ρ²)
        Assert.Equal([Resistance], band.Varied);
        Assert.Equal([HeatTransfer], band.Held);
        Assert.Equal(3, band.Replays);
        var expected = 7.5 * sigmaR * Math.Sqrt(1 - rho * rho);
        var sigma = band.Tests[0].Voltage_V;
        for (var k = 0; k < test.Count; k++)
        {
            if (test.Segment[k] == TestSegment.Discharge)
            {
                Assert.Equal(expected, sigma[k], expected * 0.01);
            }
            else
            {
                Assert.InRange(sigma[k], 0, 0.05 * expected); // only through the pulse's heat
            }
        }

        Assert.All(band.Tests[0].Temperature_K, s => Assert.True(s >= 0));
    }

    [Fact]
    public void WithNothingOnABound_BothParametersVary()
    {
        var band = PredictionBand.Compute(Cell(0.002, 0.6, heatTransferAtBound: false), [Pulse()], Coarse, workers: 1)!;

        Assert.Equal([Resistance, HeatTransfer], band.Varied);
        Assert.Empty(band.Held);
        Assert.Equal(5, band.Replays);
    }

    [Fact]
    public void ACellWithoutUncertainty_HasNoBand()
    {
        Assert.Null(PredictionBand.Compute(CellLibrary.Load("okane2022"), [Pulse()], Coarse, workers: 1));
    }

    [Fact]
    public void Coverage_CountsThePointsWithinTwoSigma()
    {
        var test = Pulse();
        var model = test.Voltage_V.Select((v, k) => v + (k % 2 == 0 ? 0.015 : 0.025)).ToArray();
        var replay = new ReplayResult(model, [.. test.Voltage_V.Select(_ => 298.15)], 0.5, true, null, 0, 0);
        var band = new TestBand([.. test.Voltage_V.Select(_ => 0.01)], [.. test.Voltage_V.Select(_ => double.NaN)]);

        var (voltage, temperature) = PredictionBand.Coverage(test, replay, band);

        Assert.Equal((test.Count + 1) / 2 / (double)test.Count, voltage, 12);
        Assert.True(double.IsNaN(temperature));
    }
}
