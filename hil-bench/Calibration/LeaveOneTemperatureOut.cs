using System.Globalization;
using System.Text;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>One fold: the fit without the pulses at one chamber temperature, and its prediction of them.</summary>
/// <param name="Temperature_C">The chamber temperature left out.</param>
/// <param name="Fit">The calibration on everything else.</param>
/// <param name="Prediction">The left-out pulses replayed through the fitted cell, with its ±2σ band.</param>
public sealed record LeftOutTemperature(double Temperature_C, CalibrationResult Fit, MeasuredReplayResult Prediction)
{
    /// <summary>Voltage points of the left-out pulses.</summary>
    public int Points => Prediction.Tests.Sum(t => t.Test.Count);

    /// <summary>RMS voltage error over every compared point of the left-out pulses (pulse and relaxation) [mV].</summary>
    public double Rms_mV => 1000 * Math.Sqrt(Prediction.Tests.Sum(t => t.Test.Voltage_V.Select((v, k) => Math.Pow(t.Replay.Voltage_V[k] - v, 2)).Sum()) / Math.Max(1, Points));

    /// <summary>Fraction of those points inside the fitted cell's predicted ±2σ band (NaN without a band).</summary>
    public double VoltageCoverage => Prediction.Band is null
        ? double.NaN
        : Prediction.Tests.Sum(t => t.VoltageCoverage * t.Test.Count) / Math.Max(1, Points);

    /// <summary>Mean half-width 2σ of the band over those points [mV].</summary>
    public double MeanBand_mV => Prediction.Band is null
        ? double.NaN
        : 1000 * 2 * Prediction.Tests.Sum(t => t.Band!.Voltage_V.Sum()) / Math.Max(1, Points);

    /// <summary>Mean 10 s voltage drop, model over measured, of the left-out pulses.</summary>
    public double DropRatio
    {
        get
        {
            var drops = Prediction.Tests.Select(t => t.DischargeDrop()).Where(d => double.IsFinite(d.Measured_V) && double.IsFinite(d.Model_V)).ToList();
            return drops.Count == 0 ? double.NaN : drops.Sum(d => d.Model_V) / drops.Sum(d => d.Measured_V);
        }
    }
}

/// <summary>
/// Leave-one-temperature-out over the pulse temperatures: for each chamber temperature of the fitted pulses, the
/// calibration is run on the other tests (the rate tests and the pulses at the other temperatures), and the pulses at
/// that temperature are predicted by the fitted cell with the ±2σ band of its covariance (<see cref="MeasuredReplay"/>).
/// The check of predictive uncertainty the project can run on its own data: does the band hold the measurement at a
/// temperature the fit never saw?
/// </summary>
public static class LeaveOneTemperatureOut
{
    /// <param name="otherTests">Tests fitted in every fold (rate tests).</param>
    /// <param name="fitPulses">The pulses fitted when their temperature is not the one left out.</param>
    /// <param name="predictedPulses">The pulses predicted when their temperature is left out (e.g. every cell of the selected SOCs).</param>
    public static IReadOnlyList<LeftOutTemperature> Run(
        ParameterSet baseSet,
        IReadOnlyList<CalibrationParameter> parameters,
        IReadOnlyList<CalibrationTest> otherTests,
        IReadOnlyList<PulseTest> fitPulses,
        IReadOnlyList<PulseTest> predictedPulses,
        CalibrationSettings settings,
        MeasuredReplaySettings prediction,
        Action<double, CalibrationProgress>? progress = null,
        Action<LeftOutTemperature>? done = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(fitPulses);
        ArgumentNullException.ThrowIfNull(predictedPulses);
        ArgumentNullException.ThrowIfNull(otherTests);
        var temperatures = fitPulses.Select(p => p.Temperature_C).Distinct().Order().ToList();
        if (temperatures.Count < 2)
        {
            throw new CalibrationInputException("--leave-out-temperature needs fitted pulses at two or more chamber temperatures");
        }

        var folds = new List<LeftOutTemperature>(temperatures.Count);
        foreach (var left in temperatures)
        {
            var fitTests = otherTests.Concat(fitPulses.Where(p => p.Temperature_C != left).Select(p => p.Test)).ToList();
            var fit = Calibrator.Run(baseSet, parameters, fitTests, [], settings with { ReportReplays = false }, p => progress?.Invoke(left, p), cancellation);
            var cell = CellWithUncertainty(fit);
            var predicted = predictedPulses.Where(p => p.Temperature_C == left).ToList();
            var replay = MeasuredReplay.Run(cell, [.. predicted.Select(p => p.Test)], [.. predicted], [], prediction, cancellation: cancellation);
            var fold = new LeftOutTemperature(left, fit, replay);
            folds.Add(fold);
            done?.Invoke(fold);
        }

        return folds;
    }

    /// <summary>The fitted set carrying its covariance (what a written cell file would load as), for the band.</summary>
    public static ParameterSet CellWithUncertainty(CalibrationResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var document = CalibratedCell.Document(fit, fit.BaseSet.Name, fit.BaseSet.Description, "leave-one-temperature-out fold");
        return document.ToSet(fit.BaseSet.Source);
    }

    /// <summary>The table: per left-out temperature the prediction's RMS, band coverage and width, the 10 s drop ratio and the fit.</summary>
    public static string Table(IReadOnlyList<LeftOutTemperature> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        var inv = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        w.AppendLine("| left out | pulses predicted | points | RMS [mV] | in ±2σ | mean 2σ [mV] | 10 s drop model/measured | fit cost | fit converged | at a bound | fit time [s] |");
        w.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var f in folds)
        {
            var bounds = string.Join(", ", f.Fit.Parameters.Where((_, i) => f.Fit.AtBound[i]).Select(p => CalibrationDefaults.ShortName(p.Name)));
            w.AppendLine(inv, $"| {f.Temperature_C:G} °C | {f.Prediction.Tests.Count} | {f.Points} | {f.Rms_mV:F1} | {f.VoltageCoverage * 100:F0} % | {f.MeanBand_mV:F0} | {f.DropRatio:F2} | {f.Fit.Cost:G5} | {(f.Fit.Converged ? "yes" : "no")} | {(bounds.Length > 0 ? bounds : "none")} | {f.Fit.Elapsed_s:F0} |");
        }

        return w.ToString();
    }
}
