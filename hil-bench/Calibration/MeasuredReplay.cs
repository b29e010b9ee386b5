using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>How <see cref="MeasuredReplay"/> replays: the reported mesh, the band's mesh (the fit mesh, where the covariance was computed), threads.</summary>
public sealed record MeasuredReplaySettings
{
    /// <summary>Model of the reported replays (the plant's default mesh, as the calibration reports its errors).</summary>
    public ModelOptions Model { get; init; } = new();

    /// <summary>Model the band's sensitivities are taken on (the calibration's fit mesh, where its covariance comes from).</summary>
    public ModelOptions BandModel { get; init; } = new() { NegativeVolumes = 10, SeparatorVolumes = 10, PositiveVolumes = 10, NegativeShells = 10, PositiveShells = 10 };

    /// <summary>Compute the ±2σ band (2n + 1 replays of every test).</summary>
    public bool Band { get; init; } = true;

    /// <summary>Dense trace points per test, for figures (0: none).</summary>
    public int TracePoints { get; init; } = 400;

    /// <summary>Threads (0: all cores).</summary>
    public int Workers { get; init; }
}

/// <summary>One measured test replayed through the cell, with its errors and band.</summary>
/// <param name="VoltageCoverage">Fraction of measured voltages within the model ± 2σ (NaN without a band).</param>
/// <param name="TemperatureCoverage">The same for temperatures.</param>
public sealed record ReplayedTest(CalibrationTest Test, ReplayResult Replay, TestMetrics Metrics, TestBand? Band, double VoltageCoverage, double TemperatureCoverage, PulseTest? Pulse)
{
    /// <summary>
    /// The voltage drop from the rest before the test to its last point under current [V], measured and replayed
    /// (a pulse's 10 s resistance times its current); NaN without a point under current.
    /// </summary>
    public (double Measured_V, double Model_V) DischargeDrop()
    {
        var last = Array.FindLastIndex(Test.Segment, s => s == TestSegment.Discharge);
        return last < 0 || !double.IsFinite(Test.InitialRestVoltage_V)
            ? (double.NaN, double.NaN)
            : (Test.InitialRestVoltage_V - Test.Voltage_V[last], Test.InitialRestVoltage_V - Replay.Voltage_V[last]);
    }
}

/// <summary>What <see cref="MeasuredReplay.Run"/> found.</summary>
public sealed record MeasuredReplayResult(ParameterSet Cell, IReadOnlyList<ReplayedTest> Tests, PredictionBand? Band, IReadOnlyList<OcvComparison> Ocv, double Elapsed_s);

/// <summary>
/// Replays measured tests through a cell with their recorded current, with no fitting (<see cref="TestReplay"/>, the
/// calibration's replay): the calibration's error table per test, the ±2σ band the cell's covariance predicts
/// (<see cref="PredictionBand"/>) and how many measured points it holds, and the cell's OCV against OCV tables.
/// </summary>
public static class MeasuredReplay
{
    public static MeasuredReplayResult Run(
        ParameterSet cell,
        IReadOnlyList<CalibrationTest> tests,
        IReadOnlyList<PulseTest?> pulses,
        IReadOnlyList<OcvTable> ocvTables,
        MeasuredReplaySettings settings,
        Action<string>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(pulses);
        ArgumentNullException.ThrowIfNull(ocvTables);
        ArgumentNullException.ThrowIfNull(settings);
        if (pulses.Count != tests.Count)
        {
            throw new ArgumentException("one pulse entry (or null) per test", nameof(pulses));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ocv = ocvTables.Select(t => OcvComparison.Of(cell, t)).ToList();
        var workers = settings.Workers > 0 ? settings.Workers : Environment.ProcessorCount;
        var replays = new ReplayResult[tests.Count];
        var done = 0;
        Parallel.For(0, tests.Count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation }, t =>
        {
            var interval = settings.TracePoints > 0 ? tests[t].End_s / settings.TracePoints : 0;
            replays[t] = TestReplay.Run(cell, tests[t], settings.Model, traceInterval_s: interval);
            var n = Interlocked.Increment(ref done);
            progress?.Invoke($"replayed {n}/{tests.Count}: {tests[t].Name}");
        });

        PredictionBand? band = null;
        if (settings.Band && cell.Uncertainty is not null && tests.Count > 0)
        {
            progress?.Invoke($"band: sensitivities of {tests.Count} test(s) to the cell's {cell.Uncertainty.Parameters.Count} fitted parameters");
            band = PredictionBand.Compute(cell, tests, settings.BandModel, workers, cancellation);
        }

        var replayed = new List<ReplayedTest>(tests.Count);
        for (var t = 0; t < tests.Count; t++)
        {
            var testBand = band?.Tests[t];
            var coverage = testBand is null ? (double.NaN, double.NaN) : PredictionBand.Coverage(tests[t], replays[t], testBand);
            replayed.Add(new ReplayedTest(tests[t], replays[t], TestMetrics.Of(tests[t], replays[t]), testBand, coverage.Item1, coverage.Item2, pulses[t]));
        }

        return new MeasuredReplayResult(cell, replayed, band, ocv, clock.Elapsed.TotalSeconds);
    }
}
