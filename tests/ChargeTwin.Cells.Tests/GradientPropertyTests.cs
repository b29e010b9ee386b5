using System.Globalization;
using ChargeTwin.Cells;
using CsCheck;
using Xunit;

namespace ChargeTwin.Cells.Tests;

/// <summary>
/// The expression compiler's gradient equals a central finite difference for any smooth expression (issue 29): random
/// expressions over the exchange-current arguments (c_e, c_s, c_max, T) built from every operator and function of the
/// language, each kept inside its smooth domain (logarithms and roots of positive arguments, bounded exponents),
/// compiled through the cell-file loader and checked at a random admissible point.
/// </summary>
public sealed class GradientPropertyTests
{
    private const string Function = "Negative electrode exchange-current density [A.m-2]";

    /// <summary>Leaves of order one: the arguments scaled, param(), constants.</summary>
    private static readonly Gen<string> s_leaf = Gen.OneOf(
        Gen.Int[0, 4].Select(i => new[] { "c_e/1000", "c_s/30000", "c_max/30000", "T/300", "x0" }[i]),
        Gen.Double[-3, 3].Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)).Select(v => v.StartsWith('-') ? $"({v})" : v),
        Gen.Const("param(\"Maximum concentration in negative electrode [mol.m-3]\")/30000"));

    private static Gen<string> Expression(int depth) => depth == 0
        ? s_leaf
        : Gen.Int[0, 14].SelectMany(kind => kind switch
        {
            0 => s_leaf,
            1 => Gen.Select(Expression(depth - 1), Expression(depth - 1), (a, b) => $"({a} + {b})"),
            2 => Gen.Select(Expression(depth - 1), Expression(depth - 1), (a, b) => $"({a} - {b})"),
            3 => Gen.Select(Expression(depth - 1), Expression(depth - 1), (a, b) => $"({a} * {b})"),
            4 => Gen.Select(Expression(depth - 1), Expression(depth - 1), (a, b) => $"({a} / (1.5 + ({b})^2))"),
            5 => Expression(depth - 1).Select(a => $"exp(tanh({a}))"),
            6 => Expression(depth - 1).Select(a => $"log(1 + ({a})^2)"),
            7 => Expression(depth - 1).Select(a => $"log10(2 + sinh(3 * tanh({a}))^2)"), // sinh of an unbounded argument overflowed: exp(tanh(x))^9 reaches 8,100
            8 => Expression(depth - 1).Select(a => $"sqrt(0.5 + ({a})^2)"),
            9 => Expression(depth - 1).Select(a => $"cosh(tanh({a}))"),
            10 => Expression(depth - 1).Select(a => $"-({a})"),
            11 => Gen.Select(Expression(depth - 1), Gen.Int[2, 4], (a, n) => $"({a})^{n}"),
            12 => Expression(depth - 1).Select(a => $"(1.2 + tanh({a}))^1.7"),
            13 => Expression(depth - 1).Select(a => $"arr(30000 * (1 + 0.1 * tanh({a})), 298.15)"),
            _ => Expression(depth - 1).Select(a => $"abs(2 + tanh({a}))"),
        });

    private static CellFunction Compile(string expression)
    {
        var text = "name: P\nparameters:\n  \"Maximum concentration in negative electrode [mol.m-3]\": 33133.0\n"
            + $"functions:\n  \"{Function}\": 'x0 = 0.7; {expression}'\n";
        return CellFileLoader.Load(text, "p.yaml", "p", TableSource.Embedded("cells")).Function(Function);
    }

    [Fact]
    public void AnySmoothExpression_HasTheGradientOfItsFiniteDifference()
    {
        var point = Gen.Select(Gen.Double[100, 3000], Gen.Double[1000, 29000], Gen.Double[30000, 40000], Gen.Double[250, 340]);
        var checkedCases = 0;
        Gen.Select(Expression(4), point).Sample((expression, p) =>
        {
            var function = Compile(expression);
            double[] args = [p.Item1, p.Item2, p.Item3, p.Item4];
            var gradient = new double[4];
            var value = function.Evaluate(args, gradient);
            Assert.Equal(function.Evaluate(args), value);
            for (var i = 0; i < 4; i++)
            {
                // step relative to the argument; take the step that agrees best (truncation against cancellation)
                var difference = new[] { 1e-7, 1e-6, 1e-5, 1e-4 }
                    .Select(relative => GradientTests.CentralDifference(function, args, i, relative * args[i]))
                    .MinBy(d => Math.Abs(d - gradient[i]));
                var scale = (Math.Abs(value) + 1) / args[i];
                Assert.True(
                    Math.Abs(gradient[i] - difference) <= 1e-6 * (Math.Abs(gradient[i]) + scale),
                    $"{expression} at ({string.Join(", ", args)}): d/d{function.Arguments[i]} = {gradient[i]:R}, finite difference {difference:R}");
            }

            Interlocked.Increment(ref checkedCases); // CsCheck samples on several threads
        }, iter: 1500, seed: "0N0XIzNsQ0O2");
        Assert.Equal(1500, checkedCases);
    }
}
