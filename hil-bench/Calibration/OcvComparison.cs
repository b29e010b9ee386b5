using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// A cell's open-circuit voltage against a measured OCV table. The table's SOC is a fraction of the measured cell's
/// capacity between its end voltages, which the model's SOC is not; so the model's SOC scale is pinned at the
/// table's two ends (the SOCs where the model's OCV equals the first and last voltage) and the table's SOC mapped
/// linearly between them — linear in charge, as both SOCs are. What remains is the shape of the OCV over charge:
/// the electrodes' OCP curves and how their stoichiometry windows are balanced.
/// </summary>
/// <param name="Source">The table's file name.</param>
/// <param name="Model_V">The model's OCV at each table point.</param>
/// <param name="Rms_mV">RMS of model − table over every point.</param>
/// <param name="InnerRms_mV">The same over 5–95 % SOC (the ends, pinned by construction, are steep).</param>
/// <param name="MaxAbs_mV">Largest |model − table|.</param>
/// <param name="ModelSocAtEnds">The model SOCs (0–1) where its OCV equals the table's first and last voltage.</param>
/// <param name="ModelCapacityBetweenEnds_Ah">The model's charge between those two SOCs [A h].</param>
public sealed record OcvComparison(string Source, double[] Model_V, double Rms_mV, double InnerRms_mV, double MaxAbs_mV, (double Low, double High) ModelSocAtEnds, double ModelCapacityBetweenEnds_Ah)
{
    /// <summary>Compares <paramref name="set"/>'s OCV at <paramref name="temperature_K"/> with <paramref name="table"/>.</summary>
    public static OcvComparison Of(ParameterSet set, OcvTable table, double temperature_K = 298.15)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(table);
        var p = new DfnParameters(set, null, temperature_K, temperature_K);
        var windows = StoichiometryWindows.Compute(p);
        var low = windows.StateOfChargeAtOpenCircuit(p, table.Voltage_V[0], temperature_K);
        var high = windows.StateOfChargeAtOpenCircuit(p, table.Voltage_V[^1], temperature_K);
        var s0 = table.StateOfCharge_percent[0];
        var s1 = table.StateOfCharge_percent[^1];
        var model = new double[table.Count];
        double sum = 0, inner = 0, max = 0;
        var innerCount = 0;
        for (var k = 0; k < table.Count; k++)
        {
            var soc = low + (table.StateOfCharge_percent[k] - s0) / (s1 - s0) * (high - low);
            model[k] = StoichiometryWindows.Ocp(p.Positive, windows.PositiveStoichiometry(soc), temperature_K, p.ReferenceTemperature_K)
                - StoichiometryWindows.Ocp(p.Negative, windows.NegativeStoichiometry(soc), temperature_K, p.ReferenceTemperature_K);
            var e = model[k] - table.Voltage_V[k];
            sum += e * e;
            max = Math.Max(max, Math.Abs(e));
            if (table.StateOfCharge_percent[k] is >= 5 and <= 95)
            {
                inner += e * e;
                innerCount++;
            }
        }

        return new OcvComparison(
            table.Source,
            model,
            1000 * Math.Sqrt(sum / table.Count),
            innerCount > 0 ? 1000 * Math.Sqrt(inner / innerCount) : double.NaN,
            1000 * max,
            (low, high),
            (high - low) * windows.Capacity_Ah);
    }
}
