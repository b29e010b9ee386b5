using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// The figure of one scenario: current (true and the controller's limit), voltage, temperature, SOC (truth,
/// the controller's estimate and its ±kσ band), true plating overpotential, stack pressure, measured dP/dQ and
/// plated lithium, against time from the start of the charge (a discharge before it is at negative time).
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
        var panels = new List<Panel>
        {
            new("current [A]", [new Series("true", t, Col("true_current_A")), new Series("controller limit", t, Col("setpoint_current_A"), Dashed: true)]),
            new("voltage [V]", [new Series("true", t, Col("true_voltage_V")), new Series("measured", t, Col("meas_voltage_V"))]),
            new("temperature [°C]", [new Series("true (core)", t, Col("true_temperature_K", 1, -273.15)), new Series("measured", t, Col("meas_temperature_K", 1, -273.15))]),
            new("SOC [%]", soc),
            new("plating overpotential [mV]", [new Series("true, at separator", t, eta), new Series("0 V vs Li/Li+", [t[0], t[^1]], [0, 0], Dashed: true)]),
            new("stack pressure [kPa]", [new Series("true", t, Col("true_stack_pressure_Pa", 1e-3)), new Series("measured", t, Col("meas_stack_pressure_Pa", 1e-3))]),
            new("measured dP/dQ [kPa/Ah]", [new Series("dP/dQ (120 s window)", t, Col("meas_dpdq_Pa_per_Ah", 1e-3))]),
            new("lithium [mAh]", [new Series("plated", t, Col("true_plated_lithium_mAh")), new Series("dead", t, Col("true_dead_lithium_mAh"))]),
        };
        PanelFigure.SavePng(path, title, "time from start of charge [min]", [.. panels.Select(Finite)], 520, 260);
    }

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
