using System.Globalization;
using System.Text;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// What <c>chargetwin-bench replay</c> writes: <c>replay.md</c> (error tables, the band's coverage, the pulses by
/// temperature and SOC, the OCV comparison), <c>replay.csv</c> (every comparison point: measured, model, σ) and one
/// overlay figure per test.
/// </summary>
public static class ReplayReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The tables as Markdown.</summary>
    public static string Markdown(MeasuredReplayResult result, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new StringBuilder();
        w.AppendLine(Inv, $"# Replay of measured tests through {result.Cell.Name}");
        w.AppendLine();
        w.AppendLine(Inv, $"Cell: {result.Cell.Name} ({result.Cell.Source}); recorded current replayed, nothing fitted; {result.Tests.Count} test(s), {result.Elapsed_s:F0} s.");
        w.AppendLine(Inv, $"Command: `{commandLine}`");
        w.AppendLine();
        w.AppendLine(result.Band?.Describe() ?? (result.Cell.Uncertainty is null ? "No band: the cell has no uncertainty section." : "No band (--no-band)."));
        w.AppendLine();
        Ocv(w, result.Ocv);
        var others = result.Tests.Where(t => t.Pulse is null).ToList();
        if (others.Count > 0)
        {
            Tests(w, "Tests", others);
        }

        var pulses = result.Tests.Where(t => t.Pulse is not null).ToList();
        if (pulses.Count > 0)
        {
            PulsesByTemperature(w, pulses);
            PulsesBySoc(w, pulses);
        }

        return w.ToString();
    }

    private static void Ocv(StringBuilder w, IReadOnlyList<OcvComparison> ocv)
    {
        if (ocv.Count == 0)
        {
            return;
        }

        w.AppendLine("## Open-circuit voltage against the OCV table");
        w.AppendLine();
        w.AppendLine("The model's SOC is pinned where its OCV equals the table's first and last voltage, the table's SOC mapped linearly between (what remains is the shape over charge: OCP curves and balancing).");
        w.AppendLine();
        w.AppendLine("| table | RMS [mV] | RMS 5–95 % [mV] | max \\|ΔV\\| [mV] | model SOC at the table's ends | model charge between them [A h] |");
        w.AppendLine("|---|---|---|---|---|---|");
        foreach (var o in ocv)
        {
            w.AppendLine(Inv, $"| {o.Source} | {o.Rms_mV:F1} | {o.InnerRms_mV:F1} | {o.MaxAbs_mV:F1} | {o.ModelSocAtEnds.Low:F3} – {o.ModelSocAtEnds.High:F3} | {o.ModelCapacityBetweenEnds_Ah:F3} |");
        }

        w.AppendLine();
    }

    private static void Tests(StringBuilder w, string title, IReadOnlyList<ReplayedTest> tests)
    {
        w.AppendLine(Inv, $"## {title}");
        w.AppendLine();
        w.AppendLine("| test | discharge RMS [mV] | rest RMS [mV] | all RMS [mV] | max \\|ΔT\\| in discharge [K] | T RMS [K] | peak ΔT [K] | mean 2σ_V [mV] | V in ±2σ | T in ±2σ | problem |");
        w.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var t in tests)
        {
            var m = t.Metrics;
            var band = t.Band is null ? "–" : Cell(2000 * t.Band.Voltage_V.Average(), "F1");
            w.AppendLine(Inv, $"| {t.Test.Name} | {Cell(m.DischargeRms_mV, "F1")} | {Cell(m.RestRms_mV, "F1")} | {Cell(m.AllRms_mV, "F1")} | {Cell(m.DischargeMaxTemperatureError_K, "F2")} | {Cell(m.TemperatureRms_K, "F2")} | {Cell(m.PeakTemperatureError_K, "F2")} | {band} | {Cell(t.VoltageCoverage, "P0")} | {Cell(t.TemperatureCoverage, "P0")} | {m.Problem ?? ""} |");
        }

        w.AppendLine();
    }

    /// <summary>Per chamber temperature: pooled errors over every pulse (all cells and SOCs), the 10 s drop, the band.</summary>
    private static void PulsesByTemperature(StringBuilder w, IReadOnlyList<ReplayedTest> pulses)
    {
        w.AppendLine("## Pulses by chamber temperature");
        w.AppendLine();
        w.AppendLine("Pooled over every pulse at that temperature (each cell and SOC its own replay). Drop: rest voltage minus the voltage at the pulse's last compared sample (≈ 10 s), mean over the pulses; ratio = model / measured.");
        w.AppendLine();
        w.AppendLine("| chamber | pulses | current [A] | pulse RMS [mV] | relaxation RMS [mV] | median / worst pulse RMS [mV] | drop measured [mV] | drop model [mV] | ratio | V in ±2σ | mean 2σ_V [mV] | replays with a problem |");
        w.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var g in pulses.GroupBy(p => p.Pulse!.Temperature_C).OrderBy(g => g.Key))
        {
            var list = g.ToList();
            var (pulse, relax) = Pooled(list);
            var perPulse = list.Select(p => p.Metrics.DischargeRms_mV).Where(double.IsFinite).Order().ToArray();
            var drops = list.Select(p => p.DischargeDrop()).Where(d => double.IsFinite(d.Measured_V)).ToArray();
            var measured = 1000 * drops.Average(d => d.Measured_V);
            var model = 1000 * drops.Average(d => d.Model_V);
            var current = list.Average(p => p.Test.Profile.Where(c => c.Current_A < 0).Average(c => c.Current_A));
            var (coverage, band) = PooledBand(list);
            w.AppendLine(Inv, $"| {g.Key:G} °C | {list.Count} | {current:F2} | {pulse:F1} | {relax:F1} | {Median(perPulse):F1} / {perPulse[^1]:F1} | {measured:F1} | {model:F1} | {model / measured:F2} | {Cell(coverage, "P0")} | {Cell(band, "F1")} | {list.Count(p => p.Replay.Problem is not null)} |");
        }

        w.AppendLine();
    }

    /// <summary>Pulse RMS by SOC and temperature: mean over the cells, with the cells' spread of the measured drop.</summary>
    private static void PulsesBySoc(StringBuilder w, IReadOnlyList<ReplayedTest> pulses)
    {
        var temperatures = pulses.Select(p => p.Pulse!.Temperature_C).Distinct().Order().ToList();
        w.AppendLine("## Pulse RMS by SOC and temperature");
        w.AppendLine();
        w.AppendLine("Each cell: mean pulse RMS over the cells [mV] (model / measured 10 s drop, mean over the cells [mV]; measured drop min–max over the cells [mV]).");
        w.AppendLine();
        w.AppendLine("| SOC | " + string.Join(" | ", temperatures.Select(t => string.Create(Inv, $"{t:G} °C"))) + " |");
        w.AppendLine("|---|" + string.Concat(temperatures.Select(_ => "---|")));
        foreach (var soc in pulses.Select(p => p.Pulse!.StateOfCharge_percent).Distinct().OrderDescending())
        {
            var cells = temperatures.Select(t =>
            {
                var g = pulses.Where(p => p.Pulse!.Temperature_C == t && p.Pulse.StateOfCharge_percent == soc).ToList();
                if (g.Count == 0)
                {
                    return "–";
                }

                var drops = g.Select(p => p.DischargeDrop()).ToArray();
                return string.Create(Inv,
                    $"{g.Average(p => p.Metrics.DischargeRms_mV):F1} ({1000 * drops.Average(d => d.Model_V):F0} / {1000 * drops.Average(d => d.Measured_V):F0}; {1000 * drops.Min(d => d.Measured_V):F0}–{1000 * drops.Max(d => d.Measured_V):F0})");
            });
            w.AppendLine(Inv, $"| {soc} % | {string.Join(" | ", cells)} |");
        }

        w.AppendLine();
    }

    /// <summary>RMS over every pulse point and every relaxation point of the tests [mV].</summary>
    private static (double Pulse, double Relaxation) Pooled(IEnumerable<ReplayedTest> tests)
    {
        double sp = 0, sr = 0;
        int np = 0, nr = 0;
        foreach (var t in tests)
        {
            for (var k = 0; k < t.Test.Count; k++)
            {
                var e = t.Replay.Voltage_V[k] - t.Test.Voltage_V[k];
                if (t.Test.Segment[k] == TestSegment.Discharge)
                {
                    sp += e * e;
                    np++;
                }
                else
                {
                    sr += e * e;
                    nr++;
                }
            }
        }

        return (np > 0 ? 1000 * Math.Sqrt(sp / np) : double.NaN, nr > 0 ? 1000 * Math.Sqrt(sr / nr) : double.NaN);
    }

    /// <summary>Fraction of every voltage point of the tests inside ±2σ, and the mean 2σ [mV].</summary>
    private static (double Coverage, double MeanBand_mV) PooledBand(IReadOnlyList<ReplayedTest> tests)
    {
        var withBand = tests.Where(t => t.Band is not null).ToList();
        if (withBand.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var points = withBand.Sum(t => t.Test.Count);
        var inside = withBand.Sum(t => t.VoltageCoverage * t.Test.Count);
        return (inside / points, 2000 * withBand.SelectMany(t => t.Band!.Voltage_V).Average());
    }

    private static double Median(double[] sorted) =>
        sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);

    private static string Cell(double value, string format) => double.IsFinite(value) ? value.ToString(format, Inv) : "–";

    /// <summary>Every comparison point: test, segment, time, measured and model voltage and temperature, σ of each.</summary>
    public static void WriteCsv(string path, MeasuredReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = new StreamWriter(path);
        w.WriteLine("test,source,chamber_degC,soc_percent,cell,segment,time_s,voltage_measured_V,voltage_model_V,voltage_sigma_V,temperature_measured_degC,temperature_model_degC,temperature_sigma_K");
        foreach (var t in result.Tests)
        {
            for (var k = 0; k < t.Test.Count; k++)
            {
                var measuredT = t.Test.Temperature_K is { } mt ? mt[k] : double.NaN;
                w.WriteLine(string.Create(Inv,
                    $"\"{t.Test.Name}\",\"{t.Test.Source}\",{Cell(t.Pulse?.Temperature_C ?? double.NaN, "G")},{(t.Pulse is { } p ? p.StateOfCharge_percent.ToString(Inv) : "")},{t.Pulse?.Cell ?? ""},{t.Test.Segment[k]},{t.Test.Time_s[k]:G9},{t.Test.Voltage_V[k]:G7},{t.Replay.Voltage_V[k]:G7},{Cell(t.Band?.Voltage_V[k] ?? double.NaN, "G4")},{Cell(TestMetrics.Celsius(measuredT), "G5")},{TestMetrics.Celsius(t.Replay.Temperature_K[k]):G5},{Cell(t.Band?.Temperature_K[k] ?? double.NaN, "G4")}"));
            }
        }
    }

    /// <summary>One overlay figure per test in <paramref name="folder"/>; returns the file names in test order.</summary>
    public static IReadOnlyList<string> WriteFigures(string folder, MeasuredReplayResult result, int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = result.Tests.Select((t, i) => $"{i + 1:D3}-{Safe(t.Test.Name)}.png").ToArray();
        Parallel.For(0, result.Tests.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, i => Figure(Path.Combine(folder, names[i]), result.Tests[i]));
        return names;
    }

    private static void Figure(string path, ReplayedTest t)
    {
        var test = t.Test;
        var pulse = test.End_s < 600;
        var scale = pulse ? 1.0 : 1.0 / 3600;
        var xLabel = pulse ? "time [s]" : "time [h]";
        var x = test.Time_s.Select(s => s * scale).ToArray();
        var voltage = new List<Series> { new("measured", x, test.Voltage_V, Dashed: true) };
        var temperature = new List<Series>();
        if (test.Temperature_K is { } mt)
        {
            var idx = Enumerable.Range(0, test.Count).Where(k => double.IsFinite(mt[k])).ToArray();
            temperature.Add(new Series("measured", [.. idx.Select(k => x[k])], [.. idx.Select(k => TestMetrics.Celsius(mt[k]))], Dashed: true));
        }

        if (t.Replay.Trace is { } trace)
        {
            var tx = trace.Time_s.Select(s => s * scale).ToArray();
            voltage.Add(new Series("model", tx, trace.Voltage_V));
            temperature.Add(new Series("model", tx, [.. trace.Temperature_K.Select(TestMetrics.Celsius)]));
        }

        var residual = new List<Series> { new("model − measured", x, [.. test.Voltage_V.Select((v, k) => 1000 * (t.Replay.Voltage_V[k] - v))]) };
        if (t.Band is { } band)
        {
            voltage.Add(new Series("model + 2σ", x, [.. t.Replay.Voltage_V.Select((v, k) => v + 2 * band.Voltage_V[k])]));
            voltage.Add(new Series("model − 2σ", x, [.. t.Replay.Voltage_V.Select((v, k) => v - 2 * band.Voltage_V[k])]));
            residual.Add(new Series("+2σ", x, [.. band.Voltage_V.Select(s => 2000 * s)], Dashed: true));
            residual.Add(new Series("−2σ", x, [.. band.Voltage_V.Select(s => -2000 * s)], Dashed: true));
            var tIdx = Enumerable.Range(0, test.Count).Where(k => double.IsFinite(band.Temperature_K[k])).ToArray();
            if (tIdx.Length > 0)
            {
                temperature.Add(new Series("model + 2σ", [.. tIdx.Select(k => x[k])], [.. tIdx.Select(k => TestMetrics.Celsius(t.Replay.Temperature_K[k]) + 2 * band.Temperature_K[k])]));
                temperature.Add(new Series("model − 2σ", [.. tIdx.Select(k => x[k])], [.. tIdx.Select(k => TestMetrics.Celsius(t.Replay.Temperature_K[k]) - 2 * band.Temperature_K[k])]));
            }
        }

        var panels = new List<Panel> { new("voltage [V]", voltage), new("voltage error [mV]", residual) };
        if (temperature.Count > 0)
        {
            panels.Add(new Panel("temperature [°C]", temperature));
        }

        PanelFigure.SavePng(path, test.Name, xLabel, panels);
    }

    private static string Safe(string name) =>
        new([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : c == '%' ? 'p' : '_')]);
}
