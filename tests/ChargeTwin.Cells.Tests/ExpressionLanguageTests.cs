using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

public sealed class ExpressionLanguageTests
{
    private const string Ocp = "Negative electrode OCP [V]";
    private const string Conductivity = "Electrolyte conductivity [S.m-1]";

    private static double Of(string expression, double x) => TestFiles.Function(Ocp, expression).Evaluate([x]);

    [Theory]
    [InlineData("-x**2", 3, -9)]
    [InlineData("-x^2", 3, -9)]
    [InlineData("(-x)**2", 3, 9)]
    [InlineData("2**3**2", 0, 512)]
    [InlineData("2^3^2", 0, 512)]
    [InlineData("x**-1", 4, 0.25)]
    [InlineData("2*-x", 3, -6)]
    [InlineData("+x - -x", 2, 4)]
    [InlineData("1 - 2 - 3", 0, -4)]
    [InlineData("8 / 4 / 2", 0, 1)]
    [InlineData("1 + 2 * 3 ** 2", 0, 19)]
    [InlineData("x * (1 + x) / 2", 4, 10)]
    public void Operators_FollowPythonPrecedenceAndAssociativity(string expression, double x, double expected)
    {
        Assert.Equal(expected, Of(expression, x), 1e-15);
    }

    [Theory]
    [InlineData("1e-5 + x", 0, 1e-5)]
    [InlineData(".5 + 5. + 1E+3", 0, 1005.5)]
    [InlineData("R", 0, 8.314462618)]
    [InlineData("F", 0, 96485.33212)]
    [InlineData("k_B / q_e", 0, 1.380649e-23 / 1.602176634e-19)]
    [InlineData("pi", 0, Math.PI)]
    public void NumbersAndConstants_AreRead(string expression, double x, double expected)
    {
        Assert.Equal(expected, Of(expression, x), Math.Abs(expected) * 1e-15);
    }

    [Theory]
    [InlineData("exp(x)", 0.7)]
    [InlineData("log(x)", 0.7)]
    [InlineData("log10(x)", 0.7)]
    [InlineData("sqrt(x)", 0.7)]
    [InlineData("tanh(x)", 0.7)]
    [InlineData("sinh(x)", 0.7)]
    [InlineData("cosh(x)", 0.7)]
    [InlineData("abs(x - 1)", 0.7)]
    [InlineData("min(x, 0.5)", 0.7)]
    [InlineData("max(x, 0.5)", 0.7)]
    [InlineData("pow(x, 3)", 0.7)]
    public void MathFunctions_AreTheLibraryOnes(string expression, double x)
    {
        double expected = expression[..expression.IndexOf('(', StringComparison.Ordinal)] switch
        {
            "exp" => Math.Exp(x),
            "log" => Math.Log(x),
            "log10" => Math.Log10(x),
            "sqrt" => Math.Sqrt(x),
            "tanh" => Math.Tanh(x),
            "sinh" => Math.Sinh(x),
            "cosh" => Math.Cosh(x),
            "abs" => Math.Abs(x - 1),
            "min" => Math.Min(x, 0.5),
            "max" => Math.Max(x, 0.5),
            _ => Math.Pow(x, 3),
        };

        Assert.Equal(expected, Of(expression, x), 1e-15);
    }

    [Fact]
    public void LocalDefinitions_AreUsedByTheFinalExpression()
    {
        Assert.Equal(7.0 * 8.0, Of("a = x * 2 + 1; b = a + 1; a * b", 3), 1e-12);
    }

    [Fact]
    public void Arrhenius_IsRelativeToTheReferenceTemperature()
    {
        var f = TestFiles.Function(Conductivity, "arr(17000, 298.15) * c_e / 1000");

        Assert.Equal(1.0, f.Evaluate([1000, 298.15]), 1e-15);
        Assert.Equal(Math.Exp(17000 / 8.314462618 * (1 / 298.15 - 1 / 320.0)), f.Evaluate([1000, 320]), 1e-14);
    }

    [Fact]
    public void Param_ReadsAScalarOfTheSameSet_InEitherQuotes()
    {
        var f = TestFiles.Function(Ocp, "param(\"Negative electrode thickness [m]\") * 2 + param(\"Maximum concentration in positive electrode [mol.m-3]\") * 0");
        var path = TestFiles.Write("cell.yaml", TestFiles.Cell(functions: $"  \"{Ocp}\": \"param('Negative electrode thickness [m]') * x\"\n"));

        Assert.Equal(2 * 8.52e-05, f.Evaluate([0.3]), 1e-18);
        Assert.Equal(8.52e-05 * 0.5, CellLibrary.Load(path).Function(Ocp).Evaluate([0.5]), 1e-18);
    }

    [Fact]
    public void ANumberUnderFunctions_IsAConstantFunction()
    {
        var path = TestFiles.Write("cell.yaml", TestFiles.Cell(functions: $"  \"{Ocp}\": 3.7\n"));
        var set = CellLibrary.Load(path);

        Assert.Equal(3.7, set.Function(Ocp).Evaluate([0.2]));
        Assert.Equal(3.7, set.Scalar(Ocp));
    }

    [Fact]
    public void DependsOn_FollowsTheArgumentsActuallyUsed()
    {
        var f = TestFiles.Function(Conductivity, "c_e / 1000 * 2");
        var g = TestFiles.Function("Negative electrode exchange-current density [A.m-2]", "c_e^0.5 * c_s^0.5 * (c_max - c_s)^0.5");

        Assert.True(f.DependsOn(0));
        Assert.False(f.DependsOn(1));
        Assert.True(g.DependsOn(0) && g.DependsOn(1) && g.DependsOn(2));
        Assert.False(g.DependsOn(3));
    }

    [Fact]
    public void Gradient_OfEachOperation_IsExact()
    {
        // d/dx and d/dT of an expression touching every operation, against its derivative written by hand
        var f = TestFiles.Function(Conductivity,
            "exp(c_e/1000) * log(T) + sqrt(c_e) / T - tanh(c_e/500) + sinh(T/300) * cosh(c_e/900) + abs(c_e - 2000) + min(c_e, T) + max(c_e, 3*T) + c_e^1.5 + 2^(T/100) + pow(c_e, T/300)");
        double c = 700, t = 310; // so abs(c - 2000) = 2000 - c, min(c, T) = T, max(c, 3T) = 3T
        Span<double> gradient = stackalloc double[2];
        var value = f.Evaluate([c, t], gradient);

        var dc = Math.Exp(c / 1000) / 1000 * Math.Log(t) + 0.5 / Math.Sqrt(c) / t - (1 - Math.Pow(Math.Tanh(c / 500), 2)) / 500
            + Math.Sinh(t / 300) * Math.Sinh(c / 900) / 900 - 1 + 0 + 0 + 1.5 * Math.Sqrt(c) + 0 + (t / 300) * Math.Pow(c, t / 300 - 1);
        var dt = Math.Exp(c / 1000) / t - Math.Sqrt(c) / (t * t) + Math.Cosh(t / 300) / 300 * Math.Cosh(c / 900) + 0 + 1 + 3
            + Math.Pow(2, t / 100) * Math.Log(2) / 100 + Math.Pow(c, t / 300) * Math.Log(c) / 300;

        var expected = Math.Exp(c / 1000) * Math.Log(t) + Math.Sqrt(c) / t - Math.Tanh(c / 500) + Math.Sinh(t / 300) * Math.Cosh(c / 900)
            + (2000 - c) + t + 3 * t + Math.Pow(c, 1.5) + Math.Pow(2, t / 100) + Math.Pow(c, t / 300);
        Assert.Equal(expected, value, Math.Abs(expected) * 1e-12);
        Assert.Equal(dc, gradient[0], Math.Abs(dc) * 1e-12);
        Assert.Equal(dt, gradient[1], Math.Abs(dt) * 1e-12);
    }

    [Fact]
    public void ConstantSubexpressions_AreFoldedAtLoad()
    {
        var f = TestFiles.Function(Ocp, "2 * 3 + exp(0) * R / R");

        Assert.True(f.IsConstant);
        Assert.Equal(7.0, f.Evaluate([0.1]));
    }
}
