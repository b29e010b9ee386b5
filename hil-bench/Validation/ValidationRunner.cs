using System.Diagnostics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.HilBench.Validation;

/// <summary>
/// Runs the plant against measured tests without per-curve tuning: the published parameter set,
/// the lumped thermal model, ambient and initial state taken from the test itself.
/// </summary>
public static class ValidationRunner
{
    private const int CapacityGridPoints = 400;

    public static ValidationResult Run(ValidationCase c, string dataRoot, string outputDirectory, ParameterSet? cell = null)
    {
        var clock = Stopwatch.StartNew();
        var set = cell ?? CellLibrary.Load(c.Cell.Contains('/', StringComparison.Ordinal) ? Path.Combine(dataRoot, c.Cell) : c.Cell);
        var plot = Path.Combine(outputDirectory, c.Name + ".png");
        var result = c.Source switch
        {
            ValidationSource.RateTest => RateTest(c, set, Path.Combine(dataRoot, c.File), plot),
            ValidationSource.Enertech => Enertech(c, set, Path.Combine(dataRoot, c.File), plot),
            ValidationSource.Replay => Replay(c, set, Path.Combine(dataRoot, c.File), plot),
            _ => Ecker(c, set, Path.Combine(dataRoot, c.File), plot),
        };
        return result with { Elapsed_s = clock.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// LG M50 rate test: the constant-current discharge at the test's time-averaged current, from SOC 1 (each
    /// test starts after the previous CC-CV charge to 4.2 V and a rest; the logged first voltage is not always
    /// a relaxed one — the 45 °C 1.5C file starts at 4.054 V and still delivers 4.88 Ah) until the measured end
    /// voltage; voltage compared evenly over discharged capacity (as PLANT.md quotes PyBaMM's 78/130 mV), mid-can
    /// temperature rise compared at its peak, ambient = the measured mid-can temperature at the start.
    /// </summary>
    private static ValidationResult RateTest(ValidationCase c, ParameterSet set, string path, string plot)
    {
        var test = MeasuredTestReader.ReadCsv(path);
        var (start, end) = test.DischargeSegment(0.05);
        var t0 = test.Temperature_C is { } temps ? FirstFinite(temps, start) : 25.0;
        var cutoff = test.Voltage_V[end];
        var measuredQ = test.CumulativeCharge_Ah(start, end).Select(q => -q).ToArray();
        var current = measuredQ[^1] * 3600 / (test.Time_s[end] - test.Time_s[start]);
        var measuredV = test.Voltage_V[start..(end + 1)];
        var measuredT = test.Temperature_C?[start..(end + 1)];

        var (samples, sim) = Simulate(set, t0, initialSoc: 1.0, $"Discharge at {current:R} A until {cutoff:R} V");
        var modelQ = samples.Select(s => -sim.ChargeThroughput_Ah(s)).ToArray();
        var modelV = samples.Select(s => s.Voltage_V).ToArray();
        var (rms, max) = CompareOverCapacity(measuredQ, measuredV, modelQ, modelV);

        double measuredRise = double.NaN, modelRise = samples.Max(s => s.Temperature_K) - samples[0].Temperature_K;
        if (measuredT is not null)
        {
            measuredRise = measuredT.Where(double.IsFinite).Max() - t0;
        }

        var panels = new List<Panel>
        {
            new("voltage [V]", [new Series("measured", measuredQ, measuredV, Dashed: true), new Series("model", modelQ, modelV)]),
        };
        if (measuredT is not null)
        {
            var finite = Enumerable.Range(0, measuredT.Length).Where(i => double.IsFinite(measuredT[i])).ToArray();
            panels.Add(new("temperature [°C]",
            [
                new Series("measured mid-can", finite.Select(i => measuredQ[i]).ToArray(), finite.Select(i => measuredT[i]).ToArray(), Dashed: true),
                new Series("model (lumped)", modelQ, samples.Select(s => s.Temperature_K - PhysicalConstants.ZeroCelsius_K).ToArray()),
            ]));
        }

        PanelFigure.SavePng(plot, $"{c.Name}: {set.Name} against the LG M50 rate test", "discharged capacity [A h]", panels);
        return new ValidationResult(c, set.Name, rms * 1000, max * 1000, measuredQ[^1], modelQ[^1], measuredRise, modelRise, double.NaN, 0, plot);
    }

    /// <summary>Enertech pouch 1C: voltage, temperature rise and thickness change against time.</summary>
    private static ValidationResult Enertech(ValidationCase c, ParameterSet set, string folder, string plot)
    {
        var voltage = MeasuredTestReader.ReadTwoColumn(Path.Combine(folder, "1C_discharge_U.txt"));
        var rise = MeasuredTestReader.ReadTwoColumn(Path.Combine(folder, "1C_discharge_T.txt"));
        var thickness = MeasuredTestReader.ReadTwoColumn(Path.Combine(folder, "1C_discharge_displacement.txt"));
        var p = new DfnParameters(set);
        var current = p.NominalCapacity_Ah * c.CRate;
        var (samples, _) = Simulate(set, c.Ambient_C, RestSoc(set, c.Ambient_C, voltage.Y[0]), $"Discharge at {current:R} A until {voltage.Y[^1]:R} V");
        var t = samples.Select(s => s.Time_s).ToArray();
        var v = samples.Select(s => s.Voltage_V).ToArray();
        var (rms, max) = CompareOverTime(voltage.X, voltage.Y, t, v);
        var modelRise = samples.Select(s => s.Temperature_K - samples[0].Temperature_K).ToArray();
        var modelThickness = samples.Select(s => s.ThicknessChange_m - samples[0].ThicknessChange_m).ToArray();
        var measuredThickness = thickness.Y.Select(y => y - thickness.Y[0]).ToArray();
        var correlation = Correlation(thickness.X, measuredThickness, t, modelThickness);
        var end = t[^1];
        var measuredPeak = Enumerable.Range(0, rise.X.Length).Where(i => rise.X[i] <= end).Max(i => rise.Y[i]);

        PanelFigure.SavePng(plot, $"{c.Name}: {set.Name} against the Enertech 1C discharge", "time [s]",
        [
            new("voltage [V]", [new Series("measured", voltage.X, voltage.Y, Dashed: true), new Series("model", t, v)]),
            new("temperature rise [K]", [new Series("measured", rise.X, rise.Y, Dashed: true), new Series("model (lumped)", t, modelRise)]),
            new("thickness change [µm]",
            [
                new Series("measured", thickness.X, measuredThickness.Select(x => x * 1e6).ToArray(), Dashed: true),
                new Series("model", t, modelThickness.Select(x => x * 1e6).ToArray()),
            ]),
        ]);
        return new ValidationResult(c, set.Name, rms * 1000, max * 1000, double.NaN, double.NaN, measuredPeak, modelRise.Max(), correlation, 0, plot);
    }

    /// <summary>
    /// Kokam 1C digitised curve: PyBaMM's Ecker2015 comparison starts from the set's initial concentrations;
    /// so does this one (their SOC on the model's windows).
    /// </summary>
    private static ValidationResult Ecker(ValidationCase c, ParameterSet set, string path, string plot)
    {
        var voltage = MeasuredTestReader.ReadTwoColumn(path);
        var p = new DfnParameters(set, null, c.Ambient_C + PhysicalConstants.ZeroCelsius_K, c.Ambient_C + PhysicalConstants.ZeroCelsius_K);
        var windows = StoichiometryWindows.Compute(p);
        var soc = Math.Clamp(windows.StateOfCharge(p.Negative.InitialConcentration_molPerM3 / p.Negative.MaxConcentration_molPerM3), 0, 1);
        var current = p.NominalCapacity_Ah * c.CRate;
        var sim = new CellSimulator(new DfnModel(p, new ModelOptions { Thermal = ThermalModel.Lumped, Plating = PlatingModel.None, Sei = SeiModel.None }), soc);
        var samples = new List<PlantSample>();
        sim.Run(ChargeTwin.Controller.Experiments.ExperimentParser.Parse([$"Discharge at {current:R} A until {voltage.Y[^1] - 0.05:R} V"]), 1.0, (s, _) => samples.Add(s));
        var t = samples.Select(s => s.Time_s).ToArray();
        var v = samples.Select(s => s.Voltage_V).ToArray();
        var (rms, max) = CompareOverTime(voltage.X, voltage.Y, t, v);
        PanelFigure.SavePng(plot, $"{c.Name}: {set.Name} against the Kokam 1C discharge", "time [s]",
            [new("voltage [V]", [new Series("measured (digitised)", voltage.X, voltage.Y, Dashed: true), new Series("model", t, v)])]);
        return new ValidationResult(c, set.Name, rms * 1000, max * 1000, double.NaN, double.NaN, double.NaN, samples.Max(s => s.Temperature_K) - samples[0].Temperature_K, double.NaN, 0, plot);
    }

    /// <summary>
    /// A measured test replayed as recorded: from SOC 1 (these tests start fully charged), the measured current
    /// is commanded at every sample where it changes by more than 1 % of 1C (a fast ramp, as a power stage
    /// would), held in between; voltage compared at the measured times until the measured end.
    /// </summary>
    private static ValidationResult Replay(ValidationCase c, ParameterSet set, string path, string plot)
    {
        var test = MeasuredTestReader.ReadCsv(path);
        var ambient = c.Ambient_C + PhysicalConstants.ZeroCelsius_K;
        var p = new DfnParameters(set, null, ambient, ambient);
        var options = new ModelOptions { Thermal = c.Isothermal ? ThermalModel.Isothermal : ThermalModel.Lumped, Plating = PlatingModel.None, Sei = SeiModel.None };
        var sim = new CellSimulator(new DfnModel(p, options), 1.0);
        var step = 0.01 * p.NominalCapacity_Ah;
        var slew = 50 * p.NominalCapacity_Ah;
        var commanded = 0.0;
        var t = new List<double> { 0 };
        var v = new List<double> { sim.Sample().Voltage_V };
        var lastOutput = 0.0;
        for (var i = 0; i + 1 < test.Count; i++)
        {
            if (Math.Abs(test.Current_A[i] - commanded) > step)
            {
                commanded = test.Current_A[i];
                sim.CommandCurrent(commanded, slew);
            }

            var next = test.Time_s[i + 1];
            if (next <= sim.Time_s)
            {
                continue;
            }

            var changes = Math.Abs(test.Current_A[i + 1] - commanded) > step;
            if (!sim.AdvanceTo(next, stopAtTarget: changes))
            {
                break;
            }

            if (next - lastOutput >= 1.0 || i + 2 == test.Count)
            {
                t.Add(next);
                v.Add(sim.Sample().Voltage_V);
                lastOutput = next;
            }
        }

        var (rms, max) = CompareOverTime(test.Time_s, test.Voltage_V, [.. t], [.. v]);
        PanelFigure.SavePng(plot, $"{c.Name}: {set.Name} replaying the measured current", "time [s]",
        [
            new("voltage [V]", [new Series("measured", test.Time_s, test.Voltage_V, Dashed: true), new Series("model", [.. t], [.. v])]),
            new("current [A] (charge +)", [new Series("measured", test.Time_s, test.Current_A)]),
        ]);
        // The replay passes the measured charge by construction, so there is no model capacity to compare.
        var measuredQ = -test.CumulativeCharge_Ah(0, test.Count - 1)[^1];
        return new ValidationResult(c, set.Name, rms * 1000, max * 1000, measuredQ, double.NaN, double.NaN, double.NaN, double.NaN, 0, plot);
    }

    /// <summary>SOC of a cell at rest showing the given voltage (the Enertech test's first point is at rest).</summary>
    private static double RestSoc(ParameterSet set, double ambient_C, double restVoltage_V)
    {
        var ambient = ambient_C + PhysicalConstants.ZeroCelsius_K;
        var p = new DfnParameters(set, null, ambient, ambient);
        return StoichiometryWindows.Compute(p).StateOfChargeAtOpenCircuit(p, restVoltage_V, ambient);
    }

    /// <summary>Runs one discharge step with the lumped thermal model from rest at the given SOC.</summary>
    private static (List<PlantSample>, CellSimulator) Simulate(ParameterSet set, double ambient_C, double initialSoc, string step)
    {
        var ambient = ambient_C + PhysicalConstants.ZeroCelsius_K;
        var p = new DfnParameters(set, null, ambient, ambient);
        var soc = initialSoc;
        var sim = new CellSimulator(new DfnModel(p, new ModelOptions { Thermal = ThermalModel.Lumped, Plating = PlatingModel.None, Sei = SeiModel.None }), soc);
        var samples = new List<PlantSample>();
        sim.Run(ChargeTwin.Controller.Experiments.ExperimentParser.Parse([step]), 1.0, (s, _) => samples.Add(s));
        return (samples, sim);
    }

    /// <summary>RMS and max of model − measured voltage on an even grid over the capacity both reach.</summary>
    public static (double Rms, double Max) CompareOverCapacity(double[] measuredQ, double[] measuredV, double[] modelQ, double[] modelV)
    {
        var qEnd = Math.Min(measuredQ[^1], modelQ[^1]);
        double sum = 0, max = 0;
        for (var i = 0; i < CapacityGridPoints; i++)
        {
            var q = qEnd * i / (CapacityGridPoints - 1);
            var e = Interpolate(modelQ, modelV, q) - Interpolate(measuredQ, measuredV, q);
            sum += e * e;
            max = Math.Max(max, Math.Abs(e));
        }

        return (Math.Sqrt(sum / CapacityGridPoints), max);
    }

    /// <summary>RMS and max of model − measured at the measured times both cover.</summary>
    public static (double Rms, double Max) CompareOverTime(double[] measuredT, double[] measuredV, double[] modelT, double[] modelV)
    {
        double sum = 0, max = 0;
        var n = 0;
        for (var i = 0; i < measuredT.Length; i++)
        {
            if (measuredT[i] > modelT[^1] || measuredT[i] < modelT[0])
            {
                continue;
            }

            var e = Interpolate(modelT, modelV, measuredT[i]) - measuredV[i];
            sum += e * e;
            max = Math.Max(max, Math.Abs(e));
            n++;
        }

        return (Math.Sqrt(sum / Math.Max(n, 1)), max);
    }

    /// <summary>Pearson correlation of the model curve with the measured one at the measured times both cover.</summary>
    private static double Correlation(double[] measuredT, double[] measured, double[] modelT, double[] model)
    {
        var pairs = Enumerable.Range(0, measuredT.Length)
            .Where(i => measuredT[i] >= modelT[0] && measuredT[i] <= modelT[^1])
            .Select(i => (m: measured[i], s: Interpolate(modelT, model, measuredT[i]))).ToArray();
        var mm = pairs.Average(p => p.m);
        var ms = pairs.Average(p => p.s);
        var cov = pairs.Sum(p => (p.m - mm) * (p.s - ms));
        var vm = pairs.Sum(p => (p.m - mm) * (p.m - mm));
        var vs = pairs.Sum(p => (p.s - ms) * (p.s - ms));
        return cov / Math.Sqrt(vm * vs);
    }

    private static double Interpolate(double[] x, double[] y, double x0)
    {
        if (x0 <= x[0])
        {
            return y[0];
        }

        if (x0 >= x[^1])
        {
            return y[^1];
        }

        var i = Array.BinarySearch(x, x0);
        if (i >= 0)
        {
            return y[i];
        }

        i = ~i;
        var a = (x0 - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + a * (y[i] - y[i - 1]);
    }

    private static double FirstFinite(double[] v, int from)
    {
        for (var i = from; i < v.Length; i++)
        {
            if (double.IsFinite(v[i]))
            {
                return v[i];
            }
        }

        return 25.0;
    }
}
