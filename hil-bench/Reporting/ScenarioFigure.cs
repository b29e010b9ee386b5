using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// The figure of one scenario: current (true and the controller's limit), voltage, temperature, SOC (truth,
/// the controller's estimate and its ±kσ band), true plating overpotential, stack pressure, measured dP/dQ and
/// plated lithium — and for the twin its estimates ± kσ beside the truth, the binding constraint over time, the
/// plating evidence of both detectors and the health vector — against time from the start of the charge (a discharge before it is at negative time).
/// Series are thinned to at most <see cref="MaxPoints"/> points.
/// </summary>
public static class ScenarioFigure
{
    public const int MaxPoints = 600;

    public static void Save(string path, string title, ScenarioTrace trace, double coverageK)
    {
        var n = trace.Count;
        var stride = Math.Max(1, (n + MaxPoints - 1) / MaxPoints);
        var rows = Enumerable.Range(0, n).Where(i => i % stride == 0 || i == n - 1).ToArray();
        var time = trace.Column("time_s");
        var chargeTime = trace.Column("charge_time_s");
        var chargeStart = Enumerable.Range(0, n).Where(i => !double.IsNaN(chargeTime[i])).Select(i => time[i] - chargeTime[i]).FirstOrDefault();
        var t = rows.Select(i => (time[i] - chargeStart) / 60).ToArray();
        double[] Col(string name, double scale = 1, double offset = 0)
        {
            var c = trace.Column(name);
            return [.. rows.Select(i => c[i] * scale + offset)];
        }

        var est = Col("est_soc", 100);
        var sigma = Col("est_soc_sigma", 100);
        var soc = new List<Series> { new("true SOC", t, Col("true_soc", 100)) };
        if (est.Any(v => !double.IsNaN(v)))
        {
            soc.Add(new Series("estimate", t, est));
            soc.Add(new Series($"estimate ± {coverageK:0.#}σ", t, [.. est.Select((e, i) => e + coverageK * sigma[i])], Dashed: true));
            soc.Add(new Series("", t, [.. est.Select((e, i) => e - coverageK * sigma[i])], Dashed: true));
        }

        var eta = Col("true_plating_overpotential_V", 1000);
        var etaPanel = new List<Series> { new("true, at separator", t, eta), new("0 V vs Li/Li+", [t[0], t[^1]], [0, 0], Dashed: true) };
        var temperaturePanel = new List<Series> { new("true (core)", t, Col("true_temperature_K", 1, -273.15)), new("measured", t, Col("meas_temperature_K", 1, -273.15)) };
        var twin = Col("est_plating_overpotential_V", 1000).Any(v => !double.IsNaN(v));
        if (twin)
        {
            etaPanel.AddRange(Band("twin", t, Col("est_plating_overpotential_V", 1000), Col("est_plating_overpotential_sigma_V", 1000), coverageK));
            temperaturePanel.AddRange(Band("twin core", t, Col("est_core_temperature_K", 1, -273.15), Col("est_core_temperature_sigma_K"), coverageK));
        }

        var panels = new List<Panel>
        {
            new("current [A]", [new Series("true", t, Col("true_current_A")), new Series("controller limit", t, Col("setpoint_current_A"), Dashed: true)]),
            new("voltage [V]", [new Series("true", t, Col("true_voltage_V")), new Series("measured", t, Col("meas_voltage_V"))]),
            new("temperature [°C]", temperaturePanel),
            new("SOC [%]", soc),
            new("plating overpotential [mV]", etaPanel),
            new("stack pressure [kPa]", [new Series("true", t, Col("true_stack_pressure_Pa", 1e-3)), new Series("measured", t, Col("meas_stack_pressure_Pa", 1e-3))]),
            new("measured dP/dQ [kPa/Ah]", [new Series("dP/dQ (120 s window)", t, Col("meas_dpdq_Pa_per_Ah", 1e-3))]),
            new("lithium [mAh]", [new Series("plated", t, Col("true_plated_lithium_mAh")), new Series("dead", t, Col("true_dead_lithium_mAh"))]),
        };
        if (twin)
        {
            // Binding constraint as a step trace: −1 nothing admissible, 0 current limit, 1 ramp, 2 plating, 3 temperature, 4 voltage, 5 electrolyte.
            panels.Add(new("twin: binding constraint", [new Series("−1 none · 0 I_max · 1 ramp · 2 plating · 3 T · 4 V · 5 c_e", t, Col("twin_binding"))]));
            panels.Add(new("twin: plating evidence", [
                new Series("pressure (dP/dQ) CUSUM", t, Col("pressure_evidence")),
                new Series("voltage-only CUSUM", t, Col("voltage_evidence"), Dashed: true),
                new Series("evidence margin [mV]", t, Col("twin_evidence_margin_V", 1000))]));
            panels.Add(new("twin: health vector [%, mΩ]", [
                new Series("LLI [%]", t, Col("est_lli", 100)), new Series("LAM neg [%]", t, Col("est_lam_neg", 100)),
                new Series("LAM pos [%]", t, Col("est_lam_pos", 100)), new Series("R growth [mΩ]", t, Col("est_resistance_growth_Ohm", 1000))]));
        }

        PanelFigure.SavePng(path, title, "time from start of charge [min]", [.. panels.Select(Finite)], 520, 260);
    }

    /// <summary>An estimate and its ±kσ band as three series.</summary>
    private static Series[] Band(string name, double[] t, double[] mean, double[] sigma, double k) =>
    [
        new(name, t, mean),
        new($"{name} ± {k:0.#}σ", t, [.. mean.Select((m, i) => m + k * sigma[i])], Dashed: true),
        new("", t, [.. mean.Select((m, i) => m - k * sigma[i])], Dashed: true),
    ];

    /// <summary>The panel without non-finite points (ScottPlot draws nothing sensible through NaN) and without empty series.</summary>
    private static Panel Finite(Panel p) => p with
    {
        Series = [.. p.Series
            .Select(s =>
            {
                var keep = Enumerable.Range(0, s.X.Length).Where(i => double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])).ToArray();
                return s with { X = [.. keep.Select(i => s.X[i])], Y = [.. keep.Select(i => s.Y[i])] };
            })
            .Where(s => s.X.Length > 0)],
    };
}
