using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

public sealed class TableInterpolationTests
{
    private static double Cubic(double x) => 2 - x + 3 * x * x - 0.5 * x * x * x;

    private static CellFunction TableFunction(string csv, string call = "table")
    {
        return CellLibrary.Load(TestFiles.OcpTableCell(csv, $"{call}(\"ocp/t.csv\", x)")).Function("Negative electrode OCP [V]");
    }

    [Fact]
    public void NotAKnotSpline_ReproducesACubicExactly_InsideAndOutsideTheTable()
    {
        // a natural or clamped spline would not: only the not-a-knot end conditions reproduce every cubic
        double[] knots = [0, 0.1, 0.35, 0.4, 0.8, 1.0];
        var csv = "# x, y\n" + string.Join("\n", knots.Select(x => FormattableString.Invariant($"{x:R}, {Cubic(x):R}")));
        var f = TableFunction(csv);

        foreach (var x in new[] { -0.2, 0.0, 0.05, 0.2, 0.37, 0.6, 0.93, 1.0, 1.3 })
        {
            Assert.Equal(Cubic(x), f.Evaluate([x]), 1e-12);
        }
    }

    [Fact]
    public void NotAKnotSpline_IsOneCubicOverTheFirstTwoAndTheLastTwoIntervals()
    {
        // not-a-knot: the third derivative is continuous at x_1 and x_n-2, so the cubic of the first interval,
        // continued, is the spline on the second interval (and likewise at the other end)
        var ocp = CellLibrary.Load("okane2022").Function("Negative electrode OCP [V]");
        var nodes = FunctionValueTests.ReadNodes(Path.Combine(TestFiles.Cells, "ocp", "graphite_LGM50_ocp_Chen2020.csv"));

        AssertSameCubic(ocp, nodes[0].X, nodes[1].X, nodes[2].X);
        AssertSameCubic(ocp, nodes[^1].X, nodes[^2].X, nodes[^3].X);
    }

    [Fact]
    public void CubicSpline_HasContinuousSlopeAtInteriorKnots()
    {
        var ocp = CellLibrary.Load("ai2020").Function("Positive electrode OCP [V]");
        var nodes = FunctionValueTests.ReadNodes(Path.Combine(TestFiles.Cells, "ocp", "lico2_ocp_Ai2020.csv"));
        Span<double> left = stackalloc double[1];
        Span<double> right = stackalloc double[1];

        foreach (var (x, _) in nodes.Skip(1).SkipLast(1))
        {
            ocp.Evaluate([x - 1e-12], left);
            ocp.Evaluate([x + 1e-12], right);
            Assert.Equal(left[0], right[0], Math.Max(1e-6, Math.Abs(left[0]) * 1e-6));
        }
    }

    [Fact]
    public void CubicSpline_HasContinuousSecondDerivativeAtInteriorKnots()
    {
        // with interpolation, C2 continuity and the not-a-knot ends (tests above), the spline is unique:
        // it is the one scipy's CubicSpline builds
        var ocp = CellLibrary.Load("okane2022").Function("Negative electrode OCP [V]");
        var nodes = FunctionValueTests.ReadNodes(Path.Combine(TestFiles.Cells, "ocp", "graphite_LGM50_ocp_Chen2020.csv"));
        Span<double> slope = stackalloc double[1];

        for (var i = 1; i < nodes.Count - 1; i++)
        {
            var knot = nodes[i].X;
            var delta = 1e-6 * Math.Min(knot - nodes[i - 1].X, nodes[i + 1].X - knot);
            ocp.Evaluate([knot - delta], slope);
            var before = slope[0];
            ocp.Evaluate([knot], slope);
            var at = slope[0];
            ocp.Evaluate([knot + delta], slope);
            var after = slope[0];
            var left = (at - before) / delta;
            var right = (after - at) / delta;
            Assert.True(Math.Abs(left - right) <= 1e-3 * (Math.Abs(left) + Math.Abs(right)) + 1e-6,
                $"second derivative jumps at knot {i} (x = {knot}): {left} vs {right}");
        }
    }

    [Fact]
    public void ThreePoints_GiveTheParabola_TwoPointsTheLine()
    {
        var parabola = TableFunction("0, 1\n0.5, 0.5\n2, 3\n");
        double P(double x) => 1 - x * (5.0 / 3) + x * x * (4.0 / 3); // through (0,1), (0.5,0.5), (2,3)
        foreach (var x in new[] { -1.0, 0.25, 1.0, 3.0 })
        {
            Assert.Equal(P(x), parabola.Evaluate([x]), 1e-12);
        }

        var line = TableFunction("1 2\n3 6\n");
        Assert.Equal(0.0, line.Evaluate([0.0]), 1e-15);
        Assert.Equal(5.0, line.Evaluate([2.5]), 1e-15);
    }

    [Fact]
    public void LinearTable_InterpolatesAndExtrapolatesTheEndSegments()
    {
        var f = TableFunction("# comment\n0, 0\n\n1, 2\n# another\n3, 3\n", call: "ltable");

        Assert.Equal(1.0, f.Evaluate([0.5]), 1e-15);
        Assert.Equal(2.5, f.Evaluate([2.0]), 1e-15);
        Assert.Equal(-2.0, f.Evaluate([-1.0]), 1e-15);
        Assert.Equal(3.5, f.Evaluate([4.0]), 1e-15);
    }

    [Fact]
    public void TableColumns_MaySeparateByWhitespace()
    {
        var f = TableFunction("0\t0\n1   2\n2 , 4\n", call: "ltable");

        Assert.Equal(3.0, f.Evaluate([1.5]), 1e-15);
    }

    private static void AssertSameCubic(CellFunction f, double knot0, double knot1, double knot2)
    {
        // four samples inside the end interval determine its cubic; evaluate that cubic in the next interval
        var h = knot1 - knot0;
        double[] xs = [knot0 + 0.1 * h, knot0 + 0.4 * h, knot0 + 0.7 * h, knot0 + 0.9 * h];
        var ys = xs.Select(x => f.Evaluate([x])).ToArray();
        foreach (var fraction in new[] { 0.25, 0.5, 0.75 })
        {
            var x = knot1 + fraction * (knot2 - knot1);
            var lagrange = 0.0;
            for (var i = 0; i < 4; i++)
            {
                var term = ys[i];
                for (var j = 0; j < 4; j++)
                {
                    if (j != i)
                    {
                        term *= (x - xs[j]) / (xs[i] - xs[j]);
                    }
                }

                lagrange += term;
            }

            Assert.Equal(lagrange, f.Evaluate([x]), 1e-9);
        }
    }
}
