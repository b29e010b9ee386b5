using ChargeTwin.Controller.Twin.Detection;

namespace ChargeTwin.Controller.Tests.Twin.Detection;

public sealed class ChargeWindowRegressionTests
{
    /// <summary>
    /// Known slope, 50 Pa noise, 10 Pa (bench) or 2 Pa (CAN) quantisation and the 2 s sensor lag (which shifts what the
    /// window sees by 2 s of charge; the detector lags its expectation the same way): over 1000 windows
    /// the slope's error divided by its own standard error has mean ≈ 0 and spread ≈ 1 — unbiased, and the error honest.
    /// </summary>
    [Theory]
    [InlineData(10.0)]
    [InlineData(2.0)]
    public void MeasuredDpDq_IsUnbiased_WithinItsStandardError(double step_Pa)
    {
        const int Windows = 1000;
        var z = new double[Windows];
        for (var w = 0; w < Windows; w++)
        {
            var charge = new SyntheticCharge(1000 + w, pressureStep_Pa: step_Pa);
            var detector = DetectorRuns.Pressure();
            for (var k = 0; k < 400; k++)
            {
                charge.Next();
                detector.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
            }

            z[w] = (detector.MeasuredDpDq_PaPerAh - charge.WindowDpDq_PaPerAh(0.25)) / detector.ResidualSigma_PaPerAh;
        }

        var mean = z.Average();
        var sd = Math.Sqrt(z.Sum(v => (v - mean) * (v - mean)) / (Windows - 1));
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(sd, 0.9, 1.1);
    }

    [Fact]
    public void Window_KeepsTheLastWindowOfCharge()
    {
        var window = new ChargeWindowRegression(0.1, 1000);
        for (var k = 0; k <= 100; k++)
        {
            window.Add(k * 0.01, 3 * k * 0.01, 2 * k * 0.01);
        }

        Assert.InRange(window.Span_Ah, 0.1 - 1e-12, 0.11);
        Assert.Equal(3, window.SlopeY, 9);
        Assert.Equal(2, window.SlopeX, 9);
        var (slope, error) = window.Difference(1.5);
        Assert.Equal(0, slope, 9);
        Assert.Equal(0, error, 9);
    }
}
