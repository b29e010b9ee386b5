using System.Globalization;
using System.Text;

namespace ChargeTwin.HilBench.Validation;

/// <summary>The validation results as a Markdown table and as CSV.</summary>
public static class ValidationTable
{
    public static string Markdown(IEnumerable<ValidationResult> results)
    {
        var b = new StringBuilder();
        b.AppendLine("| case | cell | voltage RMSE [mV] (target) | capacity meas./model [Ah] | peak ΔT meas./model [K] | thickness corr. | targets |");
        b.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Case.Name} | {r.CellName} | {r.VoltageRmse_mV:F1} (≤ {r.Case.VoltageTarget_mV:F0}) | {Pair(r.MeasuredCapacity_Ah, r.ModelCapacity_Ah, "F3")} | {Pair(r.MeasuredTemperatureRise_K, r.ModelTemperatureRise_K, "F1")} | {(double.IsNaN(r.ThicknessCorrelation) ? "–" : r.ThicknessCorrelation.ToString("F3", CultureInfo.InvariantCulture))} | {Verdict(r)} |");
        }

        return b.ToString();
    }

    public static void WriteCsv(string path, IEnumerable<ValidationResult> results)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("case,cell,c_rate,voltage_rmse_mV,voltage_max_mV,voltage_target_mV,measured_capacity_Ah,model_capacity_Ah,measured_temperature_rise_K,model_temperature_rise_K,thickness_correlation,voltage_met,temperature_met,thickness_met,elapsed_s");
        foreach (var r in results)
        {
            w.WriteLine(string.Join(',',
                r.Case.Name, r.CellName, F(r.Case.CRate), F(r.VoltageRmse_mV), F(r.VoltageMax_mV), F(r.Case.VoltageTarget_mV), F(r.MeasuredCapacity_Ah), F(r.ModelCapacity_Ah),
                F(r.MeasuredTemperatureRise_K), F(r.ModelTemperatureRise_K), F(r.ThicknessCorrelation), r.VoltageMet, r.TemperatureMet, r.ThicknessMet, F(r.Elapsed_s)));
        }
    }

    private static string Verdict(ValidationResult r)
    {
        var missed = new List<string>();
        if (!r.VoltageMet)
        {
            missed.Add("voltage");
        }

        if (!r.TemperatureMet)
        {
            missed.Add("ΔT");
        }

        if (!r.ThicknessMet)
        {
            missed.Add("thickness");
        }

        return missed.Count == 0 ? "met" : "missed: " + string.Join(", ", missed);
    }

    private static string Pair(double a, double b, string format) =>
        (double.IsNaN(a) ? "–" : a.ToString(format, CultureInfo.InvariantCulture)) + " / " + (double.IsNaN(b) ? "–" : b.ToString(format, CultureInfo.InvariantCulture));

    private static string F(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);
}
