using System.Globalization;
using System.Text;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>Turns a calibration result into a cell file: the fitted set, its provenance and its uncertainty section.</summary>
public static class CalibratedCell
{
    /// <summary>The provenance text: what was fitted to what, how, with which result.</summary>
    public static string Provenance(CalibrationResult result, string commandLine, string commit, DateTimeOffset when)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        w.AppendLine(inv, $"Calibrated by `chargetwin-bench calibrate` at commit {commit} on {when.UtcDateTime:yyyy-MM-dd} (UTC), from the cell '{result.BaseSet.Name}' ({result.BaseSet.Source}).");
        w.AppendLine(inv, $"Command: {commandLine}");
        w.AppendLine("Fitted to (measured current replayed; initial state from the rest voltage before the discharge, ambient = measured initial temperature):");
        foreach (var t in result.FitTests)
        {
            w.AppendLine(inv, $"  - {t.Source}: {t.DischargeRate_C:G2}C discharge at {t.Ambient_K - 273.15:F1} °C, {t.Count} points; {t.InitialStateNote}");
        }

        if (result.ValidationTests.Count > 0)
        {
            w.AppendLine("Held out (not fitted, errors reported):");
            foreach (var t in result.ValidationTests)
            {
                w.AppendLine(inv, $"  - {t.Source}");
            }
        }

        var s = result.Settings;
        w.AppendLine(inv, $"Weights: sigma_V = {s.Weights.Voltage_V * 1000:G3} mV under current, {s.Weights.RestVoltage_V * 1000:G3} mV in rests, sigma_T = {s.Weights.Temperature_K:G3} K (mid-can). Fit mesh {s.FitModel.NegativeVolumes} volumes/{s.FitModel.NegativeShells} shells; errors below on {s.ReportModel.NegativeVolumes}/{s.ReportModel.NegativeShells}.");
        if (s.Priors.Count > 0)
        {
            w.AppendLine("Priors (maximum a posteriori: each a Gaussian residual (u - mean)/sigma in the fit coordinate u, u = ln(value) for log-scale parameters; the covariance is the linearised posterior):");
            foreach (var prior in s.Priors)
            {
                w.AppendLine(inv, $"  - {prior.Describe()}");
            }
        }

        w.AppendLine(inv, $"Optimiser: Levenberg-Marquardt, {result.Starts.Count} start(s), {result.Iterations} iterations, {result.Evaluations} residual evaluations, {result.Elapsed_s:F0} s; {(result.Converged ? "converged" : "NOT CONVERGED")} ({result.Reason}).");
        w.AppendLine("Fitted values (± 2 sigma, linearised):");
        for (var i = 0; i < result.Parameters.Count; i++)
        {
            w.AppendLine(inv, $"  - {result.Parameters[i].Label}: {result.BaseValues[i]:G5} -> {result.Values[i]:G5} ± {2 * result.Sigma[i]:G3}{(result.AtBound[i] ? " (at a bound)" : "")}");
        }

        if (result.After.Count > 0)
        {
            w.AppendLine("Errors after fitting (discharge RMS / rest RMS [mV], max |dT| in the discharge [K]):");
            foreach (var (m, i) in result.MetricsAfter.Select((m, i) => (m, i)))
            {
                var held = i >= result.FitTests.Count ? " (held out)" : "";
                w.AppendLine(inv, $"  - {m.Test}{held}: {m.DischargeRms_mV:F1} / {m.RestRms_mV:F1} mV, {m.DischargeMaxTemperatureError_K:F2} K");
            }
        }

        if (result.BaseSet.Provenance.Length > 0)
        {
            w.AppendLine("Provenance of the base cell:");
            foreach (var line in result.BaseSet.Provenance.TrimEnd().Split('\n'))
            {
                w.Append("  ").AppendLine(line.TrimEnd('\r'));
            }
        }

        return w.ToString();
    }

    /// <summary>The cell file of the fitted set, with <paramref name="provenance"/> and the uncertainty section.</summary>
    public static CellFileDocument Document(CalibrationResult result, string name, string description, string provenance)
    {
        ArgumentNullException.ThrowIfNull(result);
        var doc = CellFileDocument.FromSet(result.FittedSet);
        doc.Name = name;
        doc.Description = description;
        doc.Provenance = provenance;
        doc.HeaderComments.Add($"{name}: calibrated cell parameters (written by chargetwin-bench calibrate; format: controller/Cells/parameter-sets/README.md).");
        doc.HeaderComments.Add($"Base: {result.BaseSet.Name}; see provenance below for the data, the command and the fit.");
        var notes = result.Covariance.IdentifiabilityNotes(result.Parameters, result.AtBound);
        doc.Uncertainty = result.Uncertainty(Calibrator.MethodOf(result.Covariance), notes);
        return doc;
    }
}
