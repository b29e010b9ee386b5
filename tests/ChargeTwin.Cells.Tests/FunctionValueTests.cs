using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

/// <summary>
/// Function values against values computed independently: literals computed with Python's math module
/// from the formulas of PyBaMM's parameter files (OKane2022.py, Ai2020.py, Ecker2015.py at 7c9f5bd),
/// and the same formulas written out here in plain C#.
/// </summary>
public sealed class FunctionValueTests
{
    private const double R = 8.314462618;
    private const double F = 96485.33212;

    private static readonly ParameterSet OKane = CellLibrary.Load("okane2022");
    private static readonly ParameterSet Ai = CellLibrary.Load("ai2020");
    private static readonly ParameterSet Ecker = CellLibrary.Load("ecker2015");

    [Theory]
    [InlineData("okane2022", "Positive electrode OCP [V]", new[] { 0.5 }, 3.971958656403654)]
    [InlineData("okane2022", "Negative particle diffusivity [m2.s-1]", new[] { 0.5, 273.15 }, 1.0781273178524673e-14)]
    [InlineData("okane2022", "Negative electrode exchange-current density [A.m-2]", new[] { 1000, 20000, 33133, 273.15 }, 0.09121497909828162)]
    [InlineData("okane2022", "Electrolyte conductivity [S.m-1]", new[] { 1200, 308.15 }, 1.1486133787277493)]
    [InlineData("ai2020", "Electrolyte diffusivity [m2.s-1]", new[] { 1000, 298.15 }, 3.2227225286052635e-06)]
    [InlineData("ai2020", "Electrolyte conductivity [S.m-1]", new[] { 1000, 298.15 }, 1.1943263637750605)]
    [InlineData("ai2020", "Thermodynamic factor", new[] { 1000, 298.15 }, 2.1661290322580644)]
    // a rational fit whose terms cancel: the reference is Python's exact rational arithmetic at the double 0.3
    // (Python's float evaluation gives -0.00016888129030621555, 1.5e-12 off; ours is 4e-13 off)
    [InlineData("ai2020", "Negative electrode OCP entropic change [V.K-1]", new[] { 0.3 }, -0.00016888129030647126)]
    [InlineData("ecker2015", "Electrolyte conductivity [S.m-1]", new[] { 1000, 298.15 }, 0.9737600532273474)]
    [InlineData("ecker2015", "Electrolyte diffusivity [m2.s-1]", new[] { 1000, 298.15 }, 2.592975187293825e-10)]
    [InlineData("ecker2015", "Negative particle diffusivity [m2.s-1]", new[] { 0.4, 298.15 }, 1.89572787811881e-14)]
    public void Function_MatchesValueComputedWithPythonFromPyBammFormula(string cell, string function, double[] args, double expected)
    {
        var value = CellLibrary.Load(cell).Function(function).Evaluate(args);

        Assert.Equal(expected, value, Math.Abs(expected) * 1e-12);
    }

    public static TheoryData<double> Stoichiometries => new() { 0.02, 0.1, 0.27, 0.5, 0.73, 0.9, 0.98 };

    public static TheoryData<double> Temperatures => new() { 258.15, 273.15, 298.15, 318.15 };

    [Theory]
    [MemberData(nameof(Stoichiometries))]
    public void OKanePositiveOcp_IsChen2020TanhFit(double x)
    {
        var expected = -0.8090 * x + 4.4875 - 0.0428 * Math.Tanh(18.5138 * (x - 0.5542))
            - 17.7326 * Math.Tanh(15.7890 * (x - 0.3117)) + 17.5842 * Math.Tanh(15.9308 * (x - 0.3120));

        Assert.Equal(expected, OKane.Function("Positive electrode OCP [V]").Evaluate([x]), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Stoichiometries))]
    public void VolumeChanges_AreAi2020Polynomial_AndPartialMolarVolumeTimesCmax(double x)
    {
        double[] p = [145.907, -681.229, 1334.442, -1415.710, 873.906, -312.528, 60.641, -5.706, 0.386, -4.966e-05];
        var polynomial = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            polynomial += p[i] * Math.Pow(x, 9 - i);
        }

        Assert.Equal(polynomial, OKane.Function("Negative electrode volume change").Evaluate([x]), 1e-12);
        Assert.Equal(polynomial, Ai.Function("Negative electrode volume change").Evaluate([x]), 1e-12);
        Assert.Equal(1.25e-05 * 63104.0 * x, OKane.Function("Positive electrode volume change").Evaluate([x]), 1e-15);
        Assert.Equal(-7.28e-07 * 49943.0 * x, Ai.Function("Positive electrode volume change").Evaluate([x]), 1e-15);
    }

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void OKaneDiffusivitiesAndExchangeCurrents_FollowChen2020WithArrhenius(double t)
    {
        double Arrhenius(double e) => Math.Exp(e / R * (1 / 298.15 - 1 / t));
        double Kinetics(double ce, double cs, double cmax) => Math.Pow(ce, 0.5) * Math.Pow(cs, 0.5) * Math.Pow(cmax - cs, 0.5);

        AssertRelative(3.3e-14 * Arrhenius(30300), OKane.Function("Negative particle diffusivity [m2.s-1]").Evaluate([0.4, t]));
        AssertRelative(4e-15 * Arrhenius(25000), OKane.Function("Positive particle diffusivity [m2.s-1]").Evaluate([0.4, t]));
        AssertRelative(6.48e-7 * Arrhenius(35000) * Kinetics(900, 12000, 33133),
            OKane.Function("Negative electrode exchange-current density [A.m-2]").Evaluate([900, 12000, 33133, t]));
        AssertRelative(3.42e-6 * Arrhenius(17800) * Kinetics(1100, 40000, 63104),
            OKane.Function("Positive electrode exchange-current density [A.m-2]").Evaluate([1100, 40000, 63104, t]));

        var ce = 850.0 / 1000;
        AssertRelative((8.794e-11 * ce * ce - 3.972e-10 * ce + 4.862e-10) * Arrhenius(17000),
            OKane.Function("Electrolyte diffusivity [m2.s-1]").Evaluate([850, t]));
        AssertRelative((0.1297 * ce * ce * ce - 2.51 * Math.Pow(ce, 1.5) + 3.329 * ce) * Arrhenius(17000),
            OKane.Function("Electrolyte conductivity [S.m-1]").Evaluate([850, t]));
    }

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void Ai2020Functions_FollowAi2020py(double t)
    {
        double Arrhenius(double e) => Math.Exp(e / R * (1 / 298.15 - 1 / t));
        var x = 0.6;
        AssertRelative(3.9e-14 * Arrhenius(5000), Ai.Function("Negative particle diffusivity [m2.s-1]").Evaluate([x, t]));
        AssertRelative(5.387e-15 * Arrhenius(5000), Ai.Function("Positive particle diffusivity [m2.s-1]").Evaluate([x, t]));
        AssertRelative(1e-11 * F * Arrhenius(5000) * Math.Sqrt(1000) * Math.Sqrt(15000) * Math.Sqrt(28700 - 15000),
            Ai.Function("Negative electrode exchange-current density [A.m-2]").Evaluate([1000, 15000, 28700, t]));

        var positiveEntropic = -3.20392657 * Math.Pow(x, 7) + 14.5719049 * Math.Pow(x, 6) - 27.9047599 * Math.Pow(x, 5)
            + 29.1744564 * Math.Pow(x, 4) - 17.992018 * Math.Pow(x, 3) + 6.54799331 * x * x - 1.30382445 * x + 0.109667298;
        Assert.Equal(positiveEntropic, Ai.Function("Positive electrode OCP entropic change [V.K-1]").Evaluate([x]), 1e-15);

        var c = 1300.0;
        var dlnf = (0.601 - 0.24 * Math.Sqrt(c / 1000) + 0.982 * (1 - 0.0052 * (t - 298.15)) * Math.Pow(c / 1000, 1.5)) / (1 - 0.38);
        AssertRelative(dlnf, Ai.Function("Thermodynamic factor").Evaluate([c, t]));
        AssertRelative(Math.Pow(10, -4.43 - 54 / (t - 229 - 5e-3 * c) - 0.22e-3 * c), Ai.Function("Electrolyte diffusivity [m2.s-1]").Evaluate([c, t]));
        var sigma = 1e-4 * c * Math.Pow(
            (-10.5 + 0.668e-3 * c + 0.494e-6 * c * c) + (0.074 - 1.78e-5 * c - 8.86e-10 * c * c) * t + (-6.96e-5 + 2.8e-8 * c) * t * t, 2);
        AssertRelative(sigma, Ai.Function("Electrolyte conductivity [S.m-1]").Evaluate([c, t]));
    }

    [Theory]
    [MemberData(nameof(Stoichiometries))]
    public void EckerOcps_AreTheAnalyticFitsOfEcker2015py(double x)
    {
        var negative = 0.716502 * Math.Exp(-369.028 * x) + 0.12193 * Math.Exp(-35.6478 * (x - 0.0530947))
            - 0.0189193 * Math.Tanh(21.1967 * (x - 0.196176)) - 0.0169644 * Math.Tanh(27.1365 * (x - 0.312832))
            - 0.0199313 * Math.Tanh(28.5697 * (x - 0.614221)) - 0.931153 * Math.Exp(36.328 * (x - 1.10743)) + 0.140031;
        // PyBaMM writes "- r * tanh(s * (sto - t))" with r = -6.34984
        var positive = -2.35211 * x - 0.0747061 * Math.Tanh(31.886 * (x - 0.0219921)) - -6.34984 * Math.Tanh(2.66395 * (x - 0.174352))
            - 0.640243 * Math.Tanh(5.48623 * (x - 0.439245)) - 3.82383 * Math.Tanh(4.12167 * (x - 0.176187))
            - 0.0542123 * Math.Tanh(18.2919 * (x - 0.762272)) + 4.23285;

        Assert.Equal(negative, Ecker.Function("Negative electrode OCP [V]").Evaluate([x]), 1e-12);
        Assert.Equal(positive, Ecker.Function("Positive electrode OCP [V]").Evaluate([x]), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Temperatures))]
    public void EckerTransport_FollowsEcker2015py(double t)
    {
        var x = 0.45;
        AssertRelative((8.4e-13 * Math.Exp(-11.3 * x) + 8.2e-15) * Math.Exp(-30300 / (R * t)) * Math.Exp(30300 / (R * 296)),
            Ecker.Function("Negative particle diffusivity [m2.s-1]").Evaluate([x, t]));
        AssertRelative((3.7e-13 - 3.4e-13 * Math.Exp(-12 * (x - 0.62) * (x - 0.62))) * Math.Exp(-80600 / (R * t)) * Math.Exp(80600 / (R * 296.15)),
            Ecker.Function("Positive particle diffusivity [m2.s-1]").Evaluate([x, t]));
        AssertRelative(F * 3.01e-11 * Math.Exp(-43600 / (R * t)) * Math.Exp(43600 / (R * 296.15)) * Math.Sqrt(1000.0 * 20000 * (48580 - 20000)),
            Ecker.Function("Positive electrode exchange-current density [A.m-2]").Evaluate([1000, 20000, 48580, t]));

        var ce = 1400.0;
        var cm = 1e-3 * ce;
        var sigma = 296 * Math.Exp(17100 / (R * 296)) * (0.2667 * cm * cm * cm - 1.2983 * cm * cm + 1.7919 * cm + 0.1726) * Math.Exp(-17100 / (R * t)) / t;
        AssertRelative(sigma, Ecker.Function("Electrolyte conductivity [S.m-1]").Evaluate([ce, t]));
        AssertRelative(1.380649e-23 / (F * 1.602176634e-19) * sigma * t / ce, Ecker.Function("Electrolyte diffusivity [m2.s-1]").Evaluate([ce, t]));
    }

    [Theory]
    [InlineData("okane2022", "Negative electrode OCP [V]", "graphite_LGM50_ocp_Chen2020.csv")]
    [InlineData("ai2020", "Negative electrode OCP [V]", "graphite_ocp_Enertech_Ai2020.csv")]
    [InlineData("ai2020", "Positive electrode OCP [V]", "lico2_ocp_Ai2020.csv")]
    public void TabulatedOcp_PassesThroughEveryTableNode(string cell, string function, string table)
    {
        var ocp = CellLibrary.Load(cell).Function(function);
        var nodes = ReadNodes(Path.Combine(TestFiles.Cells, "ocp", table));

        Assert.True(nodes.Count > 100);
        foreach (var (x, y) in nodes)
        {
            Assert.Equal(y, ocp.Evaluate([x]), 1e-12);
        }
    }

    [Fact]
    public void OKaneNegativeOcp_IsTheTableOfPyBamm_NotAnother()
    {
        // the table has an extra point at x = 0 (1.8177 V) "to avoid extrapolation"
        var ocp = OKane.Function("Negative electrode OCP [V]");
        Assert.Equal(1.81772748379334, ocp.Evaluate([0.0]), 1e-14);
        Assert.Equal(0.0760153081792987, ocp.Evaluate([1.0]), 1e-14);
    }

    [Fact]
    public void ScalarsUnderFunctionNames_AreConstantFunctions()
    {
        var factor = OKane.Function("Thermodynamic factor");
        var entropic = Ecker.Function("Positive electrode OCP entropic change [V.K-1]");
        Span<double> gradient = stackalloc double[2];

        Assert.Equal(["c_e", "T"], factor.Arguments);
        Assert.Equal(1.0, factor.Evaluate([1000, 298.15], gradient));
        Assert.Equal([0.0, 0.0], gradient.ToArray());
        Assert.False(factor.DependsOn(0));
        Assert.True(factor.IsConstant);
        Assert.Equal(0.0, entropic.Evaluate([0.5]));
        Assert.Equal(["x"], entropic.Arguments);
    }

    internal static List<(double X, double Y)> ReadNodes(string path)
    {
        var nodes = new List<(double, double)>();
        foreach (var line in File.ReadLines(path))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var parts = text.Split(',');
            nodes.Add((double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return nodes;
    }

    private static void AssertRelative(double expected, double actual, double tolerance = 1e-12) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
