using System.Globalization;
using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

/// <summary>mtable("file", x, width): isotonic regression, exact Gaussian smoothing, C² spline.</summary>
public sealed class MonotoneTableTests
{
    private static CellFunction Table(string csv, string call)
    {
        return CellLibrary.Load(TestFiles.OcpTableCell(csv, call)).Function("Negative electrode OCP [V]");
    }

    private static string Csv(IEnumerable<(double X, double Y)> points) =>
        "# x, y\n" + string.Join("\n", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:R}, {p.Y:R}")));

    private static double Slope(CellFunction f, double x)
    {
        Span<double> gradient = stackalloc double[1];
        f.Evaluate([x], gradient);
        return gradient[0];
    }

    [Fact]
    public void AStraightLine_IsLeftUnchanged_InsideAndBeyondTheTable()
    {
        var f = Table(Csv(Enumerable.Range(0, 11).Select(i => (i / 10.0, 1 - (0.5 * i / 10.0)))), "mtable(\"ocp/t.csv\", x, 0.05)");

        foreach (var x in new[] { -0.1, 0.0, 0.02, 0.37, 0.5, 0.99, 1.0, 1.2 })
        {
            Assert.Equal(1 - (0.5 * x), f.Evaluate([x]), 1e-9);
        }
    }

    [Fact]
    public void ViolatingNeighbours_ArePooledToTheirMean_BeforeSmoothing()
    {
        // increasing trend; 3 then 2 violate it: pool-adjacent-violators gives 1, 2.5, 2.5, 4. Far (50 widths) from
        // the knots the smoothing is exact on the linear pieces between them.
        var f = Table("0, 1\n1, 3\n2, 2\n3, 4\n", "mtable(\"ocp/t.csv\", x, 0.01)");

        Assert.Equal(1.75, f.Evaluate([0.5]), 1e-9);
        Assert.Equal(2.5, f.Evaluate([1.5]), 1e-9);
        Assert.Equal(3.25, f.Evaluate([2.5]), 1e-9);
    }

    [Fact]
    public void AKink_IsSmoothedExactly_AsTheGaussianConvolutionOfARamp()
    {
        // max(0, x - 0.5) convolved with N(0, w²) at the kink is w·φ(0) = w/√(2π); one width away u·Φ(1) + w·φ(1)
        const double w = 0.1;
        var f = Table("0, 0\n0.5, 0\n1, 0.5\n", $"mtable(\"ocp/t.csv\", x, {w})");
        var phi1 = Math.Exp(-0.5) / Math.Sqrt(2 * Math.PI);

        Assert.Equal(w / Math.Sqrt(2 * Math.PI), f.Evaluate([0.5]), 1e-6);
        Assert.Equal((w * 0.841344746068543) + (w * phi1), f.Evaluate([0.6]), 1e-6);
        Assert.Equal((-w * (1 - 0.841344746068543)) + (w * phi1), f.Evaluate([0.4]), 1e-6);
        Assert.Equal(3.39767312473006e-6, Slope(f, 0.05), 1e-8); // Φ(-4.5)
        Assert.Equal(0.5, Slope(f, 0.5), 1e-4);
    }

    [Fact]
    public void NoisyDecreasingData_NeverRises_ThoughTheCubicSplineThroughItDoes()
    {
        // a graphite-like curve (plateaus joined by steps) digitised with ±1.5 mV noise
        static double Clean(double x) => 0.1 + (0.05 * Math.Exp(-30 * x)) - (0.02 * Math.Tanh(25 * (x - 0.3))) - (0.015 * Math.Tanh(25 * (x - 0.65)));
        var random = new Random(7);
        var points = Enumerable.Range(0, 201).Select(i => i / 200.0).Select(x => (x, Clean(x) + (0.0015 * ((2 * random.NextDouble()) - 1)))).ToList();
        var csv = Csv(points);
        var spline = Table(csv, "table(\"ocp/t.csv\", x)");
        var smoothed = Table(csv, "mtable(\"ocp/t.csv\", x, 0.01)");
        var grid = Enumerable.Range(0, 10_001).Select(i => i / 10_000.0).ToArray();

        Assert.Contains(grid, x => Slope(spline, x) > 0.01);
        Assert.All(grid, x => Assert.True(Slope(smoothed, x) <= 1e-9, $"slope {Slope(smoothed, x)} at x = {x}"));
        Assert.All(grid.Where(x => x is > 0.05 and < 0.95), x => Assert.True(Math.Abs(smoothed.Evaluate([x]) - Clean(x)) < 0.003, $"{smoothed.Evaluate([x])} against {Clean(x)} at x = {x}"));
    }

    [Theory]
    [InlineData("mtable(\"ocp/t.csv\", x)", "column 22: expected ',' and the smoothing width, found ')'")]
    [InlineData("mtable(\"ocp/t.csv\", x, 0)", "mtable() needs a positive number as its smoothing width (in units of x), found '0'")]
    [InlineData("mtable(\"ocp/t.csv\", x, -0.01)", "mtable() needs a positive number as its smoothing width (in units of x), found '-'")]
    [InlineData("mtable(\"ocp/t.csv\", x, x)", "mtable() needs a positive number as its smoothing width (in units of x), found 'x'")]
    [InlineData("mtable(\"ocp/t.csv\", x, 1e-9)", "table file 'ocp/t.csv': the smoothing width 1E-09 is too small for a table spanning 1 (at least 5E-05)")]
    public void ABadWidth_IsOneLine_NamingTheFunction(string call, string expected)
    {
        var path = TestFiles.OcpTableCell("0, 1\n0.5, 0.6\n1, 0.2\n", call);

        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(path));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("'Negative electrode OCP [V]'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
