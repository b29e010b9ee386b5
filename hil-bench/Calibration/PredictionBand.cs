using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>One test's predicted σ from the parameter covariance, at its comparison points.</summary>
/// <param name="Voltage_V">σ of the model voltage [V].</param>
/// <param name="Temperature_K">σ of the model temperature [K]; NaN where the test has no measured temperature.</param>
public sealed record TestBand(double[] Voltage_V, double[] Temperature_K);

/// <summary>
/// The spread of a cell's replays that its parameter covariance predicts, linearised: σ²(y_k) = g_kᵀ Σ g_k, with g_k
/// the sensitivity of output k (a voltage or a temperature at a comparison point) to the fit coordinates, taken by
/// central differences over one σ of each parameter (<see cref="Calibrator.CentralJacobian"/> of a
/// <see cref="CalibrationProblem"/> whose weights are 1 V and 1 K, so its residuals are the outputs' errors), and Σ
/// the cell file's covariance with the parameters that ended on a bound held at their value
/// (<see cref="ParameterUncertainty.CovarianceWithBoundsHeld"/>, as the bench's spread and the twin use it: their
/// fitted σ means nothing). Parameter uncertainty only: no sensor noise, no model error.
/// </summary>
public sealed record PredictionBand(IReadOnlyList<TestBand> Tests, IReadOnlyList<string> Varied, IReadOnlyList<string> Held, int Replays)
{
    /// <summary>The band of <paramref name="cell"/> on <paramref name="tests"/>, or null when the cell has no uncertainty section.</summary>
    public static PredictionBand? Compute(ParameterSet cell, IReadOnlyList<CalibrationTest> tests, ModelOptions model, int workers = 0, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(tests);
        if (cell.Uncertainty is not { } uncertainty || tests.Count == 0)
        {
            return null;
        }

        var covariance = uncertainty.CovarianceWithBoundsHeld();
        var free = Enumerable.Range(0, uncertainty.Parameters.Count).Where(i => !uncertainty.Parameters[i].AtBound && covariance[i, i] > 0).ToArray();
        var held = uncertainty.Parameters.Where((p, i) => !free.Contains(i)).Select(p => p.Name).ToList();
        var set = CalibrationBase.Expose(cell, uncertainty.Parameters.Select(p => p.Name));
        var parameters = free.Select(i => Parameter(uncertainty.Parameters[i], set)).ToList();
        var n = parameters.Count;
        if (n == 0)
        {
            return new PredictionBand([.. tests.Select(t => new TestBand(new double[t.Count], [.. Enumerable.Repeat(double.NaN, t.Count)]))], [], held, 0);
        }

        var problem = new CalibrationProblem(set, parameters, tests, model, new ResidualWeights(1, 1, 1), workers: workers);
        var u = problem.Start;
        var steps = free.Select(i => Math.Sqrt(covariance[i, i])).ToArray();
        var jacobian = Calibrator.CentralJacobian(problem, u, steps, problem.Lower, problem.Upper, cancellation);

        var bands = new List<TestBand>(tests.Count);
        for (var t = 0; t < tests.Count; t++)
        {
            var test = tests[t];
            var row = problem.Offset(t);
            var voltage = new double[test.Count];
            for (var k = 0; k < test.Count; k++)
            {
                voltage[k] = Sigma(jacobian, row++, free, covariance);
            }

            var temperature = Enumerable.Repeat(double.NaN, test.Count).ToArray();
            if (test.Temperature_K is { } measured)
            {
                for (var k = 0; k < test.Count; k++)
                {
                    if (double.IsFinite(measured[k]))
                    {
                        temperature[k] = Sigma(jacobian, row++, free, covariance);
                    }
                }
            }

            bands.Add(new TestBand(voltage, temperature));
        }

        return new PredictionBand(bands, [.. parameters.Select(p => p.Name)], held, (2 * n + 1) * tests.Count);
    }

    /// <summary>√(g_kᵀ Σ g_k) for row k of the Jacobian over the free parameters.</summary>
    private static double Sigma(double[,] jacobian, int k, int[] free, double[,] covariance)
    {
        var variance = 0.0;
        for (var a = 0; a < free.Length; a++)
        {
            for (var b = 0; b < free.Length; b++)
            {
                variance += jacobian[k, a] * covariance[free[a], free[b]] * jacobian[k, b];
            }
        }

        return Math.Sqrt(Math.Max(variance, 0));
    }

    /// <summary>The fitted parameter as the calibration fitted it: same scale and bounds, widened by an ulp for a value the file rounded onto a bound.</summary>
    private static CalibrationParameter Parameter(UncertainParameter p, ParameterSet set)
    {
        var value = p.Name == CalibrationParameter.CellHeatCapacity ? CalibrationParameter.HeatCapacity_JPerK(set) : set.Scalar(p.Name);
        var slack = 1e-9 * Math.Max(Math.Abs(p.Lower), Math.Abs(p.Upper));
        return CalibrationParameter.Create(p.Name, set, Math.Min(p.Lower, value - slack), Math.Max(p.Upper, value + slack), p.Scale);
    }

    /// <summary>Fraction of the measured points within the model ± 2σ (voltage; temperature where measured), NaN without points.</summary>
    public static (double Voltage, double Temperature) Coverage(CalibrationTest test, ReplayResult replay, TestBand band)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(band);
        int inV = 0, inT = 0, nT = 0;
        for (var k = 0; k < test.Count; k++)
        {
            if (Math.Abs(test.Voltage_V[k] - replay.Voltage_V[k]) <= 2 * band.Voltage_V[k])
            {
                inV++;
            }

            if (test.Temperature_K is { } measured && double.IsFinite(measured[k]) && double.IsFinite(band.Temperature_K[k]))
            {
                nT++;
                if (Math.Abs(measured[k] - replay.Temperature_K[k]) <= 2 * band.Temperature_K[k])
                {
                    inT++;
                }
            }
        }

        return (test.Count > 0 ? (double)inV / test.Count : double.NaN, nT > 0 ? (double)inT / nT : double.NaN);
    }

    /// <summary>One line: which parameters vary and which are held.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"±2σ band from the cell's covariance, linearised (central differences over 1σ, {Replays} replays): {Varied.Count} parameter(s) varied; held at their value (on a bound, σ not meaningful): {(Held.Count == 0 ? "none" : string.Join(", ", Held.Select(CalibrationDefaults.ShortName)))}; parameter uncertainty only (no sensor noise, no model error)");
}
