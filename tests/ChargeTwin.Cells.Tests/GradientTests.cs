using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

/// <summary>The automatic-differentiation gradients against central finite differences, for every function of every set.</summary>
public sealed class GradientTests
{
    public static TheoryData<string, string> AllFunctions()
    {
        var data = new TheoryData<string, string>();
        foreach (var cell in new[] { "okane2022", "ai2020", "ecker2015", "bpx" })
        {
            var set = Load(cell);
            foreach (var name in FunctionSignatures.Names.Where(set.Contains))
            {
                data.Add(cell, name);
            }
        }

        return data;
    }

    [Fact]
    public void EverySetDefinesItsFunctions()
    {
        // guards the theory below against testing nothing
        Assert.Equal(13, AllFunctions().Count(row => (string)row[0] == "okane2022"));
        Assert.True(AllFunctions().Count() >= 4 * 11);
    }

    [Theory]
    [MemberData(nameof(AllFunctions))]
    public void Gradient_MatchesCentralFiniteDifferences(string cell, string name)
    {
        var set = Load(cell);
        var function = set.Function(name);
        var n = function.Arguments.Count;
        var gradient = new double[n];
        var checkedPoints = 0;
        foreach (var point in Points(set, function))
        {
            var value = function.Evaluate(point, gradient);
            Assert.Equal(function.Evaluate(point), value);
            for (var i = 0; i < n; i++)
            {
                // the finite difference is only as good as its step: truncation error grows with it, cancellation
                // error (large in the high-order polynomial fits of Ai2020's entropic changes) shrinks with it.
                // Take the step that agrees best; a wrong derivative disagrees at every step.
                var unit = Math.Max(Math.Abs(point[i]), 1e-3);
                var difference = new[] { 1e-7, 1e-6, 1e-5, 1e-4 }
                    .Select(relative => CentralDifference(function, point, i, relative * unit))
                    .MinBy(d => Math.Abs(d - gradient[i]));

                // scale of a derivative of this function with respect to this argument
                var scale = Math.Abs(value) / unit;
                var tolerance = 1e-6 * (Math.Abs(gradient[i]) + scale) + 1e-300;
                Assert.True(
                    Math.Abs(gradient[i] - difference) <= tolerance,
                    $"{cell} {name} at ({string.Join(", ", point)}): d/d{function.Arguments[i]} = {gradient[i]:R}, finite difference {difference:R}");
                if (!function.DependsOn(i))
                {
                    Assert.Equal(0.0, gradient[i]);
                }
            }

            checkedPoints++;
        }

        Assert.True(checkedPoints >= 5);
    }

    [Theory]
    [InlineData("Negative electrode OCP entropic change [V.K-1]", 0.5173, 0.00019037235172835183)]
    [InlineData("Positive electrode OCP entropic change [V.K-1]", 0.9633, 0.0003242634834183196)]
    public void Gradient_OfAi2020EntropicFits_MatchesTheDerivativeInExactRationalArithmetic(string name, double x, double exact)
    {
        // exact: d/dx of the fit evaluated with Python's fractions at the double x (no rounding at all)
        Span<double> gradient = stackalloc double[1];
        CellLibrary.Load("ai2020").Function(name).Evaluate([x], gradient);

        Assert.Equal(exact, gradient[0], Math.Abs(exact) * 1e-9);
    }

    internal static double CentralDifference(CellFunction function, double[] point, int argument, double step)
    {
        var plus = (double[])point.Clone();
        var minus = (double[])point.Clone();
        plus[argument] += step;
        minus[argument] -= step;
        return (function.Evaluate(plus) - function.Evaluate(minus)) / (2 * step);
    }

    internal static ParameterSet Load(string cell) => cell == "bpx" ? CellLibrary.Load(TestFiles.LfpBpx) : CellLibrary.Load(cell);

    /// <summary>Physically sensible argument values, chosen off table knots (linear tables have kinks there).</summary>
    internal static IEnumerable<double[]> Points(ParameterSet set, CellFunction function)
    {
        double[] stoichiometries = [0.0123, 0.1537, 0.3361, 0.5173, 0.6789, 0.8417, 0.9633];
        double[] temperatures = [263.15, 298.15, 318.15];
        double[] electrolyte = [213.0, 987.0, 1611.0];
        switch (string.Join(",", function.Arguments))
        {
            case "x":
                return stoichiometries.Select(x => new[] { x });
            case "x,T":
                return stoichiometries.SelectMany(x => temperatures.Select(t => new[] { x, t }));
            case "c_e,T":
                return electrolyte.SelectMany(c => temperatures.Select(t => new[] { c, t }));
            case "c_e,c_s,c_max,T":
                var electrode = function.Name.StartsWith("Negative", StringComparison.Ordinal) ? "negative" : "positive";
                var cmax = set.Scalar($"Maximum concentration in {electrode} electrode [mol.m-3]");
                return stoichiometries.Skip(1).SelectMany(x => electrolyte.Select(c => new[] { c, x * cmax, cmax, 298.15 + x * 20 }));
            default:
                throw new InvalidOperationException(function.ToString());
        }
    }
}
