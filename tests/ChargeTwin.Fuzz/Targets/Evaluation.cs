using ChargeTwin.Cells;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>Evaluates every function of a loaded set, value and gradient, at a few points: any result (NaN too) is fine, an exception is not.</summary>
internal static class Evaluation
{
    private static readonly double[] s_points = [-1, 0, 0.5, 1, 298.15, 1000, 30000, double.NaN];

    public static string Summary(ParameterSet set)
    {
        var functions = 0;
        foreach (var name in set.Names)
        {
            if (!set.TryGetFunction(name, out var function))
            {
                continue;
            }

            functions++;
            var n = function.Arguments.Count;
            var args = new double[n];
            var gradient = new double[n];
            foreach (var p in s_points)
            {
                Array.Fill(args, p);
                function.Evaluate(args);
                function.Evaluate(args, gradient);
            }
        }

        return $"'{set.Name}', {set.Names.Count()} names, {functions} functions";
    }
}
