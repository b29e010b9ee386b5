using System.Globalization;
using System.Text;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// The summary.csv columns of a spread campaign's truth, appended after the usual columns (which already hold the
/// drawn ambient and start SOC): the draw, its redraws, the ageing state, the sensors' biases, the drawn cell's
/// capacity and each drawn cell parameter under its PyBaMM name. A campaign without draws gets none (its file is
/// unchanged).
/// </summary>
public sealed class SpreadColumns
{
    private readonly List<string> _parameters;

    private SpreadColumns(List<string> parameters) => _parameters = parameters;

    /// <summary>The columns for these scenarios, or null when none of them comes from a draw.</summary>
    public static SpreadColumns? For(IEnumerable<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var draws = scenarios.Select(s => s.Draw).OfType<SpreadDraw>().ToList();
        return draws.Count == 0 ? null : new SpreadColumns([.. draws.SelectMany(d => d.CellParameters.Select(p => p.Name)).Distinct()]);
    }

    /// <summary>The header cells, each preceded by a comma.</summary>
    public string Header()
    {
        var sb = new StringBuilder(",draw,redraws,lli_pct,lam_negative_pct,lam_positive_pct,resistance_growth_mOhm,voltage_bias_mV,current_bias_mA,temperature_bias_K,pressure_bias_Pa,capacity_Ah");
        foreach (var name in _parameters)
        {
            sb.Append(',').Append(SummaryCsvWriter.Csv(name));
        }

        return sb.ToString();
    }

    /// <summary>The scenario's cells, each preceded by a comma (empty where it has no draw or not that parameter).</summary>
    public string Row(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder();
        var a = s.Ageing.State;
        var drawn = s.Draw?.CellParameters.ToDictionary(p => p.Name, p => p.Value) ?? [];
        sb.Append(CultureInfo.InvariantCulture, $",{s.Draw?.Index},{s.Draw?.Redraws}");
        foreach (var v in new[]
        {
            a.LithiumInventoryLoss * 100, a.NegativeActiveMaterialLoss * 100, a.PositiveActiveMaterialLoss * 100, a.ResistanceGrowth_Ohm * 1000,
            s.Sensors.Voltage.Bias * 1000, s.Sensors.Current.Bias * 1000, s.Sensors.Temperature.Bias, s.Sensors.Pressure.Bias, s.Draw?.Capacity_Ah ?? double.NaN,
        })
        {
            sb.Append(',').Append(SummaryCsvWriter.N(v));
        }

        foreach (var name in _parameters)
        {
            sb.Append(',').Append(drawn.TryGetValue(name, out var v) ? SummaryCsvWriter.N(v) : "");
        }

        return sb.ToString();
    }
}
