using System.Globalization;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.Cells;

/// <summary>
/// Reads a cell file's <c>uncertainty:</c> section (format: controller/Cells/parameter-sets/README.md). Strict like the rest of the
/// loader: unknown keys, names that are not scalars of the file, non-square or mismatched matrices are errors
/// naming file, line and key.
/// </summary>
internal static class UncertaintySection
{
    /// <summary>Derived quantities a calibration may fit besides the file's own scalars.</summary>
    public static readonly string[] DerivedNames = ["Cell heat capacity [J.K-1]"];

    private static readonly string[] Keys = ["method", "converged", "residuals", "residual_variance", "parameters", "covariance", "correlation", "notes"];
    private static readonly string[] ParameterKeys = ["name", "value", "scale", "sigma", "lower", "upper", "at_bound"];

    public static ParameterUncertainty Read(YamlMappingNode section, string file, ParameterSetBuilder builder)
    {
        string method = "", notes = "";
        bool? converged = null;
        var residuals = 0;
        var variance = double.NaN;
        List<UncertainParameter>? parameters = null;
        double[,]? covariance = null, correlation = null;
        (int Line, string Key) covarianceAt = (CellFileLoader.Line(section), "uncertainty"), correlationAt = covarianceAt;
        foreach (var (keyNode, value) in section.Children)
        {
            var key = CellFileLoader.KeyText(keyNode, file);
            var line = CellFileLoader.Line(keyNode);
            var at = new SourceLocation(file, line, $"uncertainty.{key}");
            switch (key)
            {
                case "method":
                    method = CellFileLoader.Text(value, at);
                    break;
                case "notes":
                    notes = CellFileLoader.Text(value, at);
                    break;
                case "converged":
                    converged = CellFileLoader.Text(value, at) switch
                    {
                        "true" => true,
                        "false" => false,
                        var other => throw at.Error($"expected true or false, got '{other}'"),
                    };
                    break;
                case "residuals":
                    var count = CellFileLoader.Number(value, at);
                    if (count < 0 || count != Math.Floor(count))
                    {
                        throw at.Error($"expected a whole number of residuals, got {count.ToString(CultureInfo.InvariantCulture)}");
                    }

                    residuals = (int)count;
                    break;
                case "residual_variance":
                    variance = CellFileLoader.Number(value, at);
                    break;
                case "parameters":
                    parameters = ReadParameters(value, at, file, builder);
                    break;
                case "covariance":
                    covariance = Matrix(value, at, file);
                    covarianceAt = (line, at.Key!);
                    break;
                case "correlation":
                    correlation = Matrix(value, at, file);
                    correlationAt = (line, at.Key!);
                    break;
                default:
                    throw at.Error($"unknown key{NameSuggestions.DidYouMean(key, Keys)} (allowed: {string.Join(", ", Keys)})");
            }
        }

        var where = new SourceLocation(file, CellFileLoader.Line(section), "uncertainty");
        if (parameters is null || covariance is null)
        {
            throw where.Error("needs 'parameters:' (a list) and 'covariance:' (a matrix, one row per parameter)");
        }

        var n = parameters.Count;
        CheckSquare(covariance, n, new SourceLocation(file, covarianceAt.Line, covarianceAt.Key));
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-9 * Math.Sqrt(Math.Abs(covariance[i, i] * covariance[j, j])) + 1e-300)
                {
                    throw new SourceLocation(file, covarianceAt.Line, covarianceAt.Key).Error($"not symmetric: row {i + 1}, column {j + 1}");
                }
            }

            if (covariance[i, i] < 0)
            {
                throw new SourceLocation(file, covarianceAt.Line, covarianceAt.Key).Error($"negative variance on the diagonal, row {i + 1}");
            }
        }

        if (correlation is null)
        {
            correlation = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var d = Math.Sqrt(covariance[i, i] * covariance[j, j]);
                    correlation[i, j] = d > 0 ? covariance[i, j] / d : (i == j ? 1 : 0);
                }
            }
        }
        else
        {
            CheckSquare(correlation, n, new SourceLocation(file, correlationAt.Line, correlationAt.Key));
        }

        return new ParameterUncertainty(parameters, covariance, correlation, converged ?? false, method, residuals, variance, notes);
    }

    private static List<UncertainParameter> ReadParameters(YamlNode value, SourceLocation at, string file, ParameterSetBuilder builder)
    {
        if (value is not YamlSequenceNode list)
        {
            throw at.Error("expected a list of parameters (- name: …, value: …, scale: log|linear, sigma: …)");
        }

        var result = new List<UncertainParameter>();
        foreach (var item in list.Children)
        {
            var itemAt = new SourceLocation(file, CellFileLoader.Line(item), at.Key);
            var map = CellFileLoader.Mapping(item, itemAt);
            string? name = null;
            double? v = null, sigma = null, lower = null, upper = null;
            var scale = FitScale.Linear;
            var atBound = false;
            foreach (var (keyNode, field) in map.Children)
            {
                var key = CellFileLoader.KeyText(keyNode, file);
                var fieldAt = new SourceLocation(file, CellFileLoader.Line(keyNode), $"{at.Key}.{key}");
                switch (key)
                {
                    case "name": name = CellFileLoader.Text(field, fieldAt); break;
                    case "value": v = CellFileLoader.Number(field, fieldAt); break;
                    case "sigma": sigma = CellFileLoader.Number(field, fieldAt); break;
                    case "lower": lower = CellFileLoader.Number(field, fieldAt); break;
                    case "upper": upper = CellFileLoader.Number(field, fieldAt); break;
                    case "scale":
                        scale = CellFileLoader.Text(field, fieldAt) switch
                        {
                            "log" => FitScale.Log,
                            "linear" => FitScale.Linear,
                            var other => throw fieldAt.Error($"expected log or linear, got '{other}'"),
                        };
                        break;
                    case "at_bound":
                        atBound = CellFileLoader.Text(field, fieldAt) == "true";
                        break;
                    default:
                        throw fieldAt.Error($"unknown key{NameSuggestions.DidYouMean(key, ParameterKeys)} (allowed: {string.Join(", ", ParameterKeys)})");
                }
            }

            if (name is null || v is null || sigma is null)
            {
                throw itemAt.Error("each parameter needs name, value and sigma");
            }

            if (!builder.TryGetScalar(name, out _) && Array.IndexOf(DerivedNames, name) < 0)
            {
                throw new SourceLocation(file, CellFileLoader.Line(item), $"{at.Key}.name").Error(
                    $"'{name}' is not a scalar of this file{NameSuggestions.DidYouMean(name, DerivedNames)}");
            }

            if (scale == FitScale.Log && !(v > 0))
            {
                throw itemAt.Error($"'{name}': a log-scale parameter needs a positive value");
            }

            result.Add(new UncertainParameter(name, v.Value, scale, sigma.Value, lower ?? double.NegativeInfinity, upper ?? double.PositiveInfinity, atBound));
        }

        return result;
    }

    private static double[,] Matrix(YamlNode value, SourceLocation at, string file)
    {
        if (value is not YamlSequenceNode rows)
        {
            throw at.Error("expected a matrix: a list of rows, each a list of numbers");
        }

        var parsed = new List<double[]>();
        foreach (var row in rows.Children)
        {
            var rowAt = new SourceLocation(file, CellFileLoader.Line(row), at.Key);
            if (row is not YamlSequenceNode cells)
            {
                throw rowAt.Error("expected a row: a list of numbers");
            }

            parsed.Add([.. cells.Children.Select(c => CellFileLoader.Number(c, rowAt))]);
        }

        var n = parsed.Count;
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            if (parsed[i].Length != n)
            {
                throw at.Error($"row {i + 1} has {parsed[i].Length} numbers where the matrix has {n} rows");
            }

            for (var j = 0; j < n; j++)
            {
                m[i, j] = parsed[i][j];
            }
        }

        return m;
    }

    private static void CheckSquare(double[,] m, int n, SourceLocation at)
    {
        if (m.GetLength(0) != n)
        {
            throw at.Error($"{m.GetLength(0)} rows where 'parameters:' lists {n}");
        }
    }
}
