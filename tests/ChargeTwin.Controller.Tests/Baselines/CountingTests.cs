using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;

namespace ChargeTwin.Controller.Tests.Baselines;

public sealed class CountingTests
{
    [Fact]
    public void CoulombCounter_IntegratesALinearCurrentExactly_AndItsSigmaFollowsTheStatedFormula()
    {
        var c = new CoulombCounter(initialSoc: 0.2, initialSigma: 0.03, nominalCapacity_Ah: 4, currentBiasSigma_A: 0.01, capacityRelativeSigma: 0.02);
        for (var t = 0; t <= 3600; t += 10)
        {
            c.Update(new MeasuredSample(t, 3.8, 2 + t / 3600.0, 298.15, 1e5));
        }

        // ∫(2 + t/3600) dt over an hour = 2.5 Ah; the trapezoid rule is exact for a linear current.
        Assert.Equal(2.5, c.Charge_Ah, 12);
        var delta = 2.5 / 4;
        var expectedSigma = Math.Sqrt((0.03 * 0.03) + Math.Pow(0.01 * 1.0 / 4, 2) + Math.Pow(0.02 * delta, 2));
        Assert.Equal(0.2 + delta, c.Soc.Mean, 12);
        Assert.Equal(expectedSigma, c.Soc.Sigma, 12);
    }

    [Fact]
    public void DpDq_IsNaN_UntilTheWindowHoldsEnoughCharge_ThenTheExactSlope()
    {
        var d = new DpDqEstimator(window_s: 100, period_s: 1, minimumCharge_Ah: 0.01);
        Assert.True(double.IsNaN(d.Add(0, 0, 1e5)));
        Assert.True(double.IsNaN(d.Add(1, 0.001, 1e5 + 42)));
        double slope = double.NaN;
        for (var t = 2; t < 300; t++)
        {
            var q = 0.001 * t;
            slope = d.Add(t, q, 1e5 + (42e3 * q));
        }

        Assert.Equal(42e3, slope, 6);
    }
}
