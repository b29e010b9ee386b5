using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Literature priors: the file, their match to the fitted parameters, and the posterior covariance they give.</summary>
public sealed class ParameterPriorTests
{
    private const string Good = """
        # a comment
        priors:
          - name: "Negative electrode reaction rate constant activation energy [J.mol-1]"
            value: 40000
            sigma: 10000
            source: "O'Regan 2022: 40.0 kJ/mol"
          - name: "Positive particle diffusivity reference value [m2.s-1]"
            value: 1.1e-14
            factor: 3
            source: "Chen 2020 and O'Regan 2022"
        """;

    [Fact]
    public void PriorFile_ReadsLinearAndLogNormalPriors_WithTheirSourcesAndLines()
    {
        var priors = PriorFileReader.Parse(Good, "p.yaml");
        Assert.Equal(2, priors.Count);
        Assert.Equal(FitScale.Linear, priors[0].Scale);
        Assert.Equal(40000, priors[0].MeanFit);
        Assert.Equal(10000, priors[0].SigmaFit);
        Assert.Equal(3, priors[0].Line);
        Assert.Equal(FitScale.Log, priors[1].Scale);
        Assert.Equal(Math.Log(1.1e-14), priors[1].MeanFit, 12);
        Assert.Equal(Math.Log(3), priors[1].SigmaFit, 12);
        Assert.Equal(-1.5, priors[0].Residual(25000), 12);
        Assert.Equal(1.0, priors[1].Residual(Math.Log(3.3e-14)), 12);
        Assert.Contains("O'Regan 2022: 40.0 kJ/mol", priors[0].Describe(), StringComparison.Ordinal);
    }

    private const string Entry = """
        priors:
          - name: "Negative electrode reaction rate constant activation energy [J.mol-1]"
            value: 40000
        """;

    [Theory]
    [InlineData("    sigma: 10000\n    factor: 2\n    source: s\n", "p.yaml:2: priors[0]: a prior needs name, value, source and one of sigma (linear scale) or factor (log scale)")]
    [InlineData("    source: s\n", "p.yaml:2: priors[0]: a prior needs name, value, source and one of sigma")]
    [InlineData("    sigma: 10000\n", "p.yaml:2: priors[0]: a prior needs name, value, source and one of sigma")]
    [InlineData("    sigma: -1\n    source: s\n", "p.yaml:4: priors[0].sigma: expected a number above 0")]
    [InlineData("    factor: 0.5\n    source: s\n", "p.yaml:4: priors[0].factor: expected a number above 1")]
    [InlineData("    sigma: 1e4\n    source: s\n    sourse: t\n", "p.yaml:6: priors[0]")]
    [InlineData("    sigma: \"1e4\"\n    source: s\n", "p.yaml:4: priors[0].sigma: expected a number")]
    public void PriorFile_BadEntry_IsOneLineNamingFileLineAndField(string rest, string expected)
    {
        var e = Assert.Throws<CalibrationInputException>(() => PriorFileReader.Parse(Entry + "\n" + rest, "p.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void PriorFile_WithoutPriors_OrWithAnotherKey_IsRefused()
    {
        Assert.Contains("no priors", Assert.Throws<CalibrationInputException>(() => PriorFileReader.Parse("priors: []\n", "p.yaml")).Message, StringComparison.Ordinal);
        Assert.StartsWith("p.yaml:1: ", Assert.Throws<CalibrationInputException>(() => PriorFileReader.Parse("prior:\n  - name: x\n", "p.yaml")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Priors_MustNameAFittedParameter_OnItsScale_InsideItsBounds()
    {
        var set = CellLibrary.Load("lgm50");
        var fitted = new List<CalibrationParameter>
        {
            CalibrationParameter.Create("Negative electrode reaction rate constant activation energy [J.mol-1]", set),
            CalibrationParameter.Create("Positive particle diffusivity reference value [m2.s-1]", set),
        };
        Assert.Equal([0, 1], ParameterPrior.Match(PriorFileReader.Parse(Good, "p.yaml"), fitted, "p.yaml"));

        var notFitted = new ParameterPrior("Contact resistance [Ohm]", 0.02, 0.01, FitScale.Linear, "s", 7);
        Assert.StartsWith("p.yaml:7: prior on 'Contact resistance [Ohm]', which is not fitted", Assert.Throws<CalibrationInputException>(() => ParameterPrior.Match([notFitted], fitted, "p.yaml")).Message, StringComparison.Ordinal);
        var wrongScale = new ParameterPrior(fitted[1].Name, 1e-14, 1e-14, FitScale.Linear, "s", 9);
        Assert.Contains("expected factor: (it is fitted on a log scale)", Assert.Throws<CalibrationInputException>(() => ParameterPrior.Match([wrongScale], fitted, "p.yaml")).Message, StringComparison.Ordinal);
        var outside = new ParameterPrior(fitted[0].Name, 150000, 1e4, FitScale.Linear, "s", 3);
        Assert.Contains("outside the fit's bounds", Assert.Throws<CalibrationInputException>(() => ParameterPrior.Match([outside], fitted, "p.yaml")).Message, StringComparison.Ordinal);
        var twice = new ParameterPrior(fitted[0].Name, 40000, 1e4, FitScale.Linear, "s", 11);
        Assert.Contains("a second prior", Assert.Throws<CalibrationInputException>(() => ParameterPrior.Match([twice, twice], fitted, "p.yaml")).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A straight line y = a + b t with a Gaussian prior on b: the covariance is the linearised posterior
    /// (J_dᵀJ_d/(f s²) + J_pᵀJ_p)⁻¹ — the data's information divided by their residual variance s² and, for correlated
    /// residuals, by the inflation f; the prior's information 1/σ² is neither.
    /// </summary>
    [Fact]
    public void PriorRows_EnterTheCovarianceAsThePosteriorsInformation_NotScaledByTheDatasResidualVariance()
    {
        const int m = 200;
        const double priorSigma = 0.05;
        var random = new Random(5);
        var jacobian = new double[m + 1, 2];
        var residuals = new double[m + 1];
        var noise = 0.0;
        for (var k = 0; k < m; k++)
        {
            jacobian[k, 0] = 1;
            jacobian[k, 1] = k / (double)m;
            noise = 0.7 * noise + 3 * SyntheticData.Gaussian(random); // correlated, s² ≈ 9/(1 − 0.49)
            residuals[k] = noise;
        }

        jacobian[m, 1] = 1 / priorSigma;
        residuals[m] = 0.4;

        var covariance = ParameterCovariance.Compute(jacobian, residuals, [0], priorRows: 1);
        var data = Matrix<double>.Build.Dense(m, 2, (k, j) => jacobian[k, j]);
        var s2 = residuals.Take(m).Sum(x => x * x) / (m - 2);
        Assert.Equal(s2, covariance.ResidualVariance, 12);
        Assert.Equal(m, covariance.ResidualCount);
        Assert.Equal(1, covariance.PriorRows);
        AssertPosterior(data, s2, 1.0, covariance);

        var inflated = covariance.ForCorrelatedResiduals();
        var f = ParameterCovariance.VarianceInflationOf(covariance.ResidualAutocorrelation);
        Assert.True(f > 2, $"inflation {f}");
        Assert.Equal(f, inflated.VarianceInflation, 12);
        AssertPosterior(data, s2, f, inflated);
        Assert.Equal(inflated.Covariance[1, 1], inflated.ForCorrelatedResiduals().Covariance[1, 1], 15); // once only

        // the prior bounds b's σ by its own; without it the data alone give a wider one
        var alone = ParameterCovariance.Compute(Slice(jacobian, m), residuals[..m], [0]).ForCorrelatedResiduals();
        Assert.True(inflated.SigmaFit[1] < priorSigma && alone.SigmaFit[1] > inflated.SigmaFit[1]);
    }

    private static void AssertPosterior(Matrix<double> data, double s2, double f, ParameterCovariance covariance)
    {
        var information = data.TransposeThisAndMultiply(data) / (f * s2);
        information[1, 1] += 1 / (0.05 * 0.05);
        var expected = information.Inverse();
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(expected[i, j], covariance.Covariance[i, j], Math.Abs(expected[i, j]) * 1e-9 + 1e-15);
            }
        }
    }

    private static double[,] Slice(double[,] a, int rows)
    {
        var b = new double[rows, a.GetLength(1)];
        for (var k = 0; k < rows; k++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                b[k, j] = a[k, j];
            }
        }

        return b;
    }
}
