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

    public static ParameterUncertainty Read(YamlReader<ParameterException> y, YamlMappingNode section, ParameterSetBuilder builder)
    {
        string method = "", notes = "";
        bool? converged = null;
        var residuals = 0;
        var variance = double.NaN;
        List<UncertainParameter>? parameters = null;
        double[,]? covariance = null, correlation = null;
        var where = y.At(section, "uncertainty");
        YamlLocation covarianceAt = where, correlationAt = where;
        foreach (var (key, _, value, at) in y.Entries(section, "uncertainty", Keys))
        {
            switch (key)
            {
                case "method":
                    method = y.Text(value, at);
                    break;
                case "notes":
                    notes = y.Text(value, at);
                    break;
                case "converged":
                    converged = y.OneOf(value, at, ("true", true), ("false", false));
                    break;
                case "residuals":
                    var count = y.Number(value, at);
                    if (count < 0 || count != Math.Floor(count))
                    {
                        throw y.Error(at, $"expected a whole number of residuals, got {count.ToString(CultureInfo.InvariantCulture)}");
                    }

                    residuals = (int)count;
                    break;
                case "residual_variance":
                    variance = y.Number(value, at);
                    break;
                case "parameters":
                    parameters = ReadParameters(y, value, at, builder);
                    break;
                case "covariance":
                    covariance = Matrix(y, value, at);
                    covarianceAt = at;
                    break;
                case "correlation":
                    correlation = Matrix(y, value, at);
                    correlationAt = at;
                    break;
            }
        }

        if (parameters is null || covariance is null)
        {
            throw y.Error(where, "needs 'parameters:' (a list) and 'covariance:' (a matrix, one row per parameter)");
        }

        var n = parameters.Count;
        CheckSquare(y, covariance, n, covarianceAt);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-9 * Math.Sqrt(Math.Abs(covariance[i, i] * covariance[j, j])) + 1e-300)
                {
                    throw y.Error(covarianceAt, $"not symmetric: row {i + 1}, column {j + 1}");
                }
            }

            if (covariance[i, i] < 0)
            {
                throw y.Error(covarianceAt, $"negative variance on the diagonal, row {i + 1}");
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
            CheckSquare(y, correlation, n, correlationAt);
        }

        return new ParameterUncertainty(parameters, covariance, correlation, converged ?? false, method, residuals, variance, notes);
    }

    private static List<UncertainParameter> ReadParameters(YamlReader<ParameterException> y, YamlNode value, YamlLocation at, ParameterSetBuilder builder)
    {
        if (value is not YamlSequenceNode list)
        {
            throw y.Error(at, "expected a list of parameters (- name: …, value: …, scale: log|linear, sigma: …)");
        }

        var result = new List<UncertainParameter>();
        foreach (var item in list.Children)
        {
            var itemAt = y.At(item, at.Field);
            string? name = null;
            double? v = null, sigma = null, lower = null, upper = null;
            var scale = FitScale.Linear;
            var atBound = false;
            foreach (var (key, _, field, fieldAt) in y.Entries(y.Mapping(item, itemAt), at.Field, ParameterKeys))
            {
                switch (key)
                {
                    case "name": name = y.Text(field, fieldAt); break;
                    case "value": v = y.Number(field, fieldAt); break;
                    case "sigma": sigma = y.Number(field, fieldAt); break;
                    case "lower": lower = y.Number(field, fieldAt); break;
                    case "upper": upper = y.Number(field, fieldAt); break;
                    case "scale":
                        scale = y.OneOf(field, fieldAt, ("log", FitScale.Log), ("linear", FitScale.Linear));
                        break;
                    case "at_bound":
                        atBound = y.Text(field, fieldAt) == "true";
                        break;
                }
            }

            if (name is null || v is null || sigma is null)
            {
                throw y.Error(itemAt, "each parameter needs name, value and sigma");
            }

            if (!builder.TryGetScalar(name, out _) && Array.IndexOf(DerivedNames, name) < 0)
            {
                throw y.Error(item, $"{at.Field}.name", $"'{name}' is not a scalar of this file{NameSuggestions.DidYouMean(name, DerivedNames)}");
            }

            if (scale == FitScale.Log && !(v > 0))
            {
                throw y.Error(itemAt, $"'{name}': a log-scale parameter needs a positive value");
            }

            result.Add(new UncertainParameter(name, v.Value, scale, sigma.Value, lower ?? double.NegativeInfinity, upper ?? double.PositiveInfinity, atBound));
        }

        return result;
    }

    private static double[,] Matrix(YamlReader<ParameterException> y, YamlNode value, YamlLocation at)
    {
        if (value is not YamlSequenceNode rows)
        {
            throw y.Error(at, "expected a matrix: a list of rows, each a list of numbers");
        }

        var parsed = new List<double[]>();
        foreach (var row in rows.Children)
        {
            var rowAt = y.At(row, at.Field);
            if (row is not YamlSequenceNode cells)
            {
                throw y.Error(rowAt, "expected a row: a list of numbers");
            }

            parsed.Add([.. cells.Children.Select(c => y.Number(c, rowAt))]);
        }

        var n = parsed.Count;
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            if (parsed[i].Length != n)
            {
                throw y.Error(at, $"row {i + 1} has {parsed[i].Length} numbers where the matrix has {n} rows");
            }

            for (var j = 0; j < n; j++)
            {
                m[i, j] = parsed[i][j];
            }
        }

        return m;
    }

    private static void CheckSquare(YamlReader<ParameterException> y, double[,] m, int n, YamlLocation at)
    {
        if (m.GetLength(0) != n)
        {
            throw y.Error(at, $"{m.GetLength(0)} rows where 'parameters:' lists {n}");
        }
    }
}
