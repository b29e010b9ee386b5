using System.Diagnostics;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>The plant's answer to one replayed test, at the test's comparison points.</summary>
public sealed record ReplayResult(
    double[] Voltage_V,
    double[] Temperature_K,
    double InitialStateOfCharge,
    bool Completed,
    string? Problem,
    long SolverSteps,
    double Elapsed_s)
{
    /// <summary>A dense trace of the replay (time, current, voltage, temperature), when asked for.</summary>
    public PlantTrace? Trace { get; init; }
}

/// <summary>A dense simulated trace for figures.</summary>
public sealed record PlantTrace(double[] Time_s, double[] Current_A, double[] Voltage_V, double[] Temperature_K);

/// <summary>
/// Replays a measured test's current through the plant: a cell at rest at the SOC where the model's OCV equals the
/// measured rest voltage (or the test's explicit SOC), ambient and initial temperature as measured, then the
/// recorded current piece by piece (slew-limited steps, no reinitialisation), sampling the interpolant at the
/// comparison points. If the model cannot deliver the recorded discharge (its voltage falls to
/// <see cref="VoltageFloorMargin_V"/> below the lower cut-off) the current stops there, the remaining discharge
/// points read the floor voltage, and the replay continues from that state: a smooth, finite penalty for a model
/// with too little capacity, never an exception.
/// </summary>
public static class TestReplay
{
    /// <summary>How far below the lower cut-off the model may go before the replay stops its discharge [V].</summary>
    public const double VoltageFloorMargin_V = 0.1;

    /// <summary>How far above the upper cut-off the model may go before the replay stops its charge [V].</summary>
    public const double VoltageCeilingMargin_V = 0.1;

    /// <summary>Integrator settings of a replay: the plant's defaults with a step cap that keeps rests resolved.</summary>
    public static BdfOptions SolverOptions { get; } = CellSimulator.DefaultSolverOptions with { MaxStep = 600 };

    public static ReplayResult Run(
        ParameterSet set,
        CalibrationTest test,
        ModelOptions options,
        BdfOptions? solver = null,
        double currentSlew_APerS = 100,
        double traceInterval_s = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(test);
        var clock = Stopwatch.StartNew();
        var first = RunOnce(set, test, options, solver ?? SolverOptions, currentSlew_APerS, traceInterval_s);
        if (first.Completed)
        {
            return first;
        }

        // once more, gentler: short steps and slow current steps get the integrator past most hard corners
        var retry = RunOnce(set, test, options, (solver ?? SolverOptions) with { MaxStep = RetryMaxStep_s }, Math.Min(currentSlew_APerS, 10), traceInterval_s);
        return retry with
        {
            Problem = retry.Completed ? $"{retry.Problem ?? "completed"} (on retry after: {first.Problem})" : retry.Problem,
            SolverSteps = first.SolverSteps + retry.SolverSteps,
            Elapsed_s = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Largest step of the retry after an integrator failure [s].</summary>
    public const double RetryMaxStep_s = 5;

    private static ReplayResult RunOnce(
        ParameterSet set,
        CalibrationTest test,
        ModelOptions options,
        BdfOptions solver,
        double currentSlew_APerS,
        double traceInterval_s)
    {
        var clock = Stopwatch.StartNew();
        var p = new DfnParameters(set, null, test.Ambient_K, test.InitialTemperature_K);
        var model = new DfnModel(p, options);
        var windows = StoichiometryWindows.Compute(p);
        var soc = test.InitialStateOfCharge ?? InitialStateOfCharge(p, windows, test.InitialRestVoltage_V);
        var n = test.Count;
        var voltage = new double[n];
        var temperature = new double[n];
        var floor = p.LowerVoltageCutoff_V - VoltageFloorMargin_V;
        var ceiling = p.UpperVoltageCutoff_V + VoltageCeilingMargin_V;
        List<double>? tt = null, ti = null, tv = null, tT = null;
        if (traceInterval_s > 0)
        {
            (tt, ti, tv, tT) = ([], [], [], []);
        }

        CellSimulator? sim = null;
        var next = 0; // next comparison point
        string? problem = null;
        var completed = true;
        try
        {
            sim = new CellSimulator(model, soc, solver);
            sim.SetEvents([new PlantEvent(PlantEventKind.VoltageBelow, floor), new PlantEvent(PlantEventKind.VoltageAbove, ceiling)]);
            Record(sim);
            foreach (var piece in test.Profile)
            {
                sim.CommandCurrent(piece.Current_A, currentSlew_APerS);
                var stopped = false;
                while (true)
                {
                    var target = piece.End_s;
                    if (next < n && test.Time_s[next] < piece.End_s)
                    {
                        target = test.Time_s[next];
                    }

                    if (tt is not null)
                    {
                        var traceNext = (Math.Floor(sim.Time_s / traceInterval_s + 1e-9) + 1) * traceInterval_s;
                        target = Math.Min(target, traceNext);
                    }

                    if (stopped)
                    {
                        // the model could not deliver this piece: it rests; the points of the piece read the limit
                        sim.AdvanceTo(target, stopAtTarget: target >= piece.End_s);
                    }
                    else if (!sim.AdvanceTo(target, stopAtTarget: target >= piece.End_s))
                    {
                        stopped = true;
                        problem ??= $"the model reached {(piece.Current_A < 0 ? floor : ceiling):F2} V at t = {sim.Time_s:F0} s before the recorded current ended";
                        sim.CommandCurrent(0, currentSlew_APerS);
                        sim.SetEvents([]);
                        continue;
                    }

                    var s = sim.Sample();
                    if (tt is not null)
                    {
                        Record(sim);
                    }

                    while (next < n && test.Time_s[next] <= sim.Time_s + 1e-9)
                    {
                        voltage[next] = stopped && piece.Current_A != 0 ? (piece.Current_A < 0 ? floor : ceiling) : s.Voltage_V;
                        temperature[next] = s.Temperature_K;
                        next++;
                    }

                    if (sim.Time_s >= piece.End_s - 1e-9)
                    {
                        break;
                    }
                }

                if (stopped)
                {
                    sim.SetEvents([new PlantEvent(PlantEventKind.VoltageBelow, floor), new PlantEvent(PlantEventKind.VoltageAbove, ceiling)]);
                }
            }
        }
        catch (BdfSolverException e)
        {
            completed = false;
            problem = $"the integrator failed at t = {sim?.Time_s ?? 0:F0} s: {e.Message}";
        }

        // points the replay did not reach (integrator failure) keep the last values, or the floor
        for (var k = next; k < n; k++)
        {
            voltage[k] = k > 0 ? Math.Min(voltage[k - 1], floor) : floor;
            temperature[k] = k > 0 ? temperature[k - 1] : test.InitialTemperature_K;
        }

        var steps = sim?.Statistics.Steps ?? 0;
        return new ReplayResult(voltage, temperature, soc, completed, problem, steps, clock.Elapsed.TotalSeconds)
        {
            Trace = tt is null ? null : new PlantTrace([.. tt], [.. ti!], [.. tv!], [.. tT!]),
        };

        void Record(CellSimulator simulator)
        {
            if (tt is null)
            {
                return;
            }

            var s = simulator.Sample();
            tt.Add(s.Time_s);
            ti!.Add(s.Current_A);
            tv!.Add(s.Voltage_V);
            tT!.Add(s.Temperature_K);
        }
    }

    /// <summary>The SOC (0–1) at which the model's open-circuit voltage at the initial temperature equals <paramref name="restVoltage_V"/>; clipped to [0, 1].</summary>
    public static double InitialStateOfCharge(DfnParameters p, StoichiometryWindows windows, double restVoltage_V)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(windows);
        if (!double.IsFinite(restVoltage_V))
        {
            return 1.0;
        }

        return windows.StateOfChargeAtOpenCircuit(p, restVoltage_V, p.InitialTemperature_K);
    }
}
