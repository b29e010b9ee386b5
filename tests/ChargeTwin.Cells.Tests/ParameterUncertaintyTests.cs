using ChargeTwin.Cells;

namespace ChargeTwin.Cells.Tests;

public sealed class ParameterUncertaintyTests
{
    private static ParameterUncertainty Three(double rho01, double rho12, bool middleAtBound)
    {
        UncertainParameter P(string name, bool atBound = false) => new(name, 1, FitScale.Linear, 1, -10, 10, atBound);
        double[] s = [0.5, 2.0, 1.5];
        var covariance = new double[3, 3];
        double[,] rho = { { 1, rho01, 0 }, { rho01, 1, rho12 }, { 0, rho12, 1 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                covariance[i, j] = rho[i, j] * s[i] * s[j];
            }
        }

        return new ParameterUncertainty([P("a"), P("b", middleAtBound), P("c")], covariance, rho, true, "test", 10, 1, "");
    }

    [Fact]
    public void CovarianceWithBoundsHeld_IsTheConditionalCovariance_AndZeroForTheHeldParameter()
    {
        var c = Three(0.8, -0.6, middleAtBound: true).CovarianceWithBoundsHeld();

        // Conditioning on b: var(a|b) = σa²(1 − ρab²), var(c|b) = σc²(1 − ρbc²), cov(a, c|b) = −ρab ρbc σa σc (a, c uncorrelated before).
        Assert.Equal(0.25 * (1 - 0.64), c[0, 0], 12);
        Assert.Equal(2.25 * (1 - 0.36), c[2, 2], 12);
        Assert.Equal(-(0.8 * -0.6) * 0.5 * 1.5, c[0, 2], 12);
        Assert.Equal(c[0, 2], c[2, 0], 15);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, c[1, i]);
            Assert.Equal(0, c[i, 1]);
        }
    }

    [Fact]
    public void CovarianceWithBoundsHeld_WithNothingOnABound_IsTheCovariance()
    {
        var u = Three(0.8, -0.6, middleAtBound: false);
        var c = u.CovarianceWithBoundsHeld();
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(u.Covariance[i, j], c[i, j], 15);
            }
        }
    }
}
