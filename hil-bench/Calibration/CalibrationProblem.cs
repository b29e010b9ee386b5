using ChargeTwin.HilBench.Numerics;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>Weights of the residual: each difference is divided by its σ (so the weight is 1/σ).</summary>
/// <param name="Voltage_V">σ of a voltage difference under current (discharge, charge) [V].</param>
/// <param name="RestVoltage_V">σ of a voltage difference in a rest [V]: larger by default, because the hours-long relaxation after a
/// discharge (OCP hysteresis, stoichiometry-dependent solid diffusion) is not in the plant's physics.</param>
/// <param name="Temperature_K">σ of a temperature difference [K].</param>
public sealed record ResidualWeights(double Voltage_V = 0.010, double RestVoltage_V = 0.030, double Temperature_K = 1.0)
{
    /// <summary>σ of a voltage difference in <paramref name="segment"/>.</summary>
    public double VoltageSigma(TestSegment segment) =>
        segment is TestSegment.RestAfterDischarge or TestSegment.RestAfterCharge ? RestVoltage_V : Voltage_V;

    public void Validate()
    {
        if (!(Voltage_V > 0) || !(RestVoltage_V > 0) || !(Temperature_K > 0))
        {
            throw new CalibrationInputException("residual weights: every σ must be positive");
        }
    }
}

/// <summary>
/// The calibration's residual: for each test, (V_model − V_measured)/σ_V at every comparison point, then
/// (T_model − T_measured)/σ_T at every point with a measured temperature; after all tests, one row per
/// <see cref="ParameterPrior"/>, (u − μ)/σ_prior. Evaluates many parameter points at once, spreading (point, test)
/// replays over <see cref="Workers"/> threads.
/// </summary>
public sealed class CalibrationProblem
{
    private readonly int[] _offsets;
    private readonly double[] _lastElapsed;

    public CalibrationProblem(
        ParameterSet baseSet,
        IReadOnlyList<CalibrationParameter> parameters,
        IReadOnlyList<CalibrationTest> tests,
        ModelOptions options,
        ResidualWeights? weights = null,
        BdfOptions? solver = null,
        int workers = 0,
        IReadOnlyList<ParameterPrior>? priors = null)
    {
        ArgumentNullException.ThrowIfNull(baseSet);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tests);
        if (tests.Count == 0)
        {
            throw new CalibrationInputException("no measured tests to fit");
        }

        BaseSet = baseSet;
        Parameters = parameters;
        Tests = tests;
        Options = options;
        Weights = weights ?? new ResidualWeights();
        Weights.Validate();
        Solver = solver ?? TestReplay.SolverOptions;
        Workers = workers > 0 ? workers : Environment.ProcessorCount;
        _offsets = new int[tests.Count + 1];
        for (var t = 0; t < tests.Count; t++)
        {
            _offsets[t + 1] = _offsets[t] + tests[t].Count + TemperaturePoints(tests[t]);
        }

        _lastElapsed = new double[tests.Count];
        Priors = priors ?? [];
        _priorParameter = ParameterPrior.Match(Priors, parameters, "priors");
    }

    private readonly int[] _priorParameter;

    /// <summary>Gaussian priors on fitted parameters: their residual rows follow the data's.</summary>
    public IReadOnlyList<ParameterPrior> Priors { get; }

    public ParameterSet BaseSet { get; }
    public IReadOnlyList<CalibrationParameter> Parameters { get; }
    public IReadOnlyList<CalibrationTest> Tests { get; }
    public ModelOptions Options { get; }
    public ResidualWeights Weights { get; }
    public BdfOptions Solver { get; }
    public int Workers { get; }

    /// <summary>Total residual count m: the data's and one per prior.</summary>
    public int ResidualCount => _offsets[^1] + Priors.Count;

    /// <summary>Residuals of the measured data (the first rows; the priors' follow).</summary>
    public int DataResidualCount => _offsets[^1];

    /// <summary>Where test t's residuals start.</summary>
    public int Offset(int test) => _offsets[test];

    /// <summary>Replays evaluated so far (each one test at one parameter point).</summary>
    public long Replays => Interlocked.Read(ref _replays);

    private long _replays;

    public double[] Lower => [.. Parameters.Select(p => p.LowerFit)];
    public double[] Upper => [.. Parameters.Select(p => p.UpperFit)];

    /// <summary>The fit coordinates of the base set's values.</summary>
    public double[] Start => [.. Parameters.Select(p => p.ToFit(p.Read(BaseSet)))];

    /// <summary>The cell's parameter set at fit coordinates <paramref name="u"/> (environment parameters of test groups left out).</summary>
    public ParameterSet SetAt(double[] u)
    {
        ArgumentNullException.ThrowIfNull(u);
        var set = BaseSet;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].GroupAmbient_C is null)
            {
                set = Parameters[i].Apply(set, Parameters[i].FromFit(u[i]));
            }
        }

        return set;
    }

    /// <summary>The set a test is replayed with: the cell's, then the environment parameters of the test's group.</summary>
    public ParameterSet SetFor(ParameterSet cell, double[] u, CalibrationTest test)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(u);
        var set = cell;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].GroupAmbient_C is not null && Parameters[i].AppliesTo(test))
            {
                set = Parameters[i].Apply(set, Parameters[i].FromFit(u[i]));
            }
        }

        return set;
    }

    /// <summary>The problem on other tests, mesh or weights (same base, parameters and priors).</summary>
    public CalibrationProblem With(IReadOnlyList<CalibrationTest>? tests = null, ModelOptions? options = null, ResidualWeights? weights = null) =>
        new(BaseSet, Parameters, tests ?? Tests, options ?? Options, weights ?? Weights, Solver, Workers, Priors);

    /// <summary>Replays every test at every point, in parallel, and returns one residual vector per point.</summary>
    public double[][] Evaluate(IReadOnlyList<double[]> points, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sets = new ParameterSet?[points.Count, Tests.Count];
        for (var p = 0; p < points.Count; p++)
        {
            try
            {
                var cell = SetAt(points[p]);
                for (var t = 0; t < Tests.Count; t++)
                {
                    sets[p, t] = SetFor(cell, points[p], Tests[t]);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // non-finite values: every replay of this point gets the penalty
            }
        }

        var results = new ReplayResult?[points.Count, Tests.Count];
        var order = Enumerable.Range(0, points.Count * Tests.Count)
            .OrderByDescending(w => _lastElapsed[w % Tests.Count])
            .ToArray();
        Parallel.ForEach(
            order,
            new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellation },
            w =>
            {
                var p = w / Tests.Count;
                var t = w % Tests.Count;
                results[p, t] = Replay(sets[p, t], Tests[t]);
            });
        for (var t = 0; t < Tests.Count; t++)
        {
            _lastElapsed[t] = results[0, t]?.Elapsed_s ?? 0;
        }

        var vectors = new double[points.Count][];
        for (var p = 0; p < points.Count; p++)
        {
            var r = new double[ResidualCount];
            for (var t = 0; t < Tests.Count; t++)
            {
                Fill(r, t, results[p, t]!);
            }

            for (var k = 0; k < Priors.Count; k++)
            {
                r[DataResidualCount + k] = Priors[k].Residual(points[p][_priorParameter[k]]);
            }

            vectors[p] = r;
        }

        return vectors;
    }

    /// <summary>The replays at one point, for reports (optionally with dense traces).</summary>
    public ReplayResult[] ReplayAll(double[] u, double traceInterval_s = 0, CancellationToken cancellation = default)
    {
        var cell = SetAt(u);
        var results = new ReplayResult[Tests.Count];
        Parallel.For(0, Tests.Count, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellation },
            t => results[t] = Replay(SetFor(cell, u, Tests[t]), Tests[t], traceInterval_s));
        return results;
    }

    /// <summary>Writes test <paramref name="t"/>'s residuals of <paramref name="result"/> into <paramref name="r"/>.</summary>
    public void Fill(double[] r, int t, ReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(result);
        var test = Tests[t];
        var k = _offsets[t];
        for (var i = 0; i < test.Count; i++)
        {
            r[k++] = (result.Voltage_V[i] - test.Voltage_V[i]) / Weights.VoltageSigma(test.Segment[i]);
        }

        if (test.Temperature_K is { } measured)
        {
            for (var i = 0; i < test.Count; i++)
            {
                if (double.IsFinite(measured[i]))
                {
                    r[k++] = (result.Temperature_K[i] - measured[i]) / Weights.Temperature_K;
                }
            }
        }
    }

    private ReplayResult Replay(ParameterSet? set, CalibrationTest test, double traceInterval_s = 0)
    {
        Interlocked.Increment(ref _replays);
        if (set is not null)
        {
            try
            {
                return TestReplay.Run(set, test, Options, Solver, traceInterval_s: traceInterval_s);
            }
            catch (ParameterValueException e)
            {
                return Failed(test, e.Message);
            }
        }

        return Failed(test, "parameter values out of range");
    }

    /// <summary>A finite penalty for a point the plant cannot simulate: every voltage at the replay's floor.</summary>
    private static ReplayResult Failed(CalibrationTest test, string problem)
    {
        var floor = 2.5 - TestReplay.VoltageFloorMargin_V;
        return new ReplayResult(
            [.. Enumerable.Repeat(floor, test.Count)],
            [.. Enumerable.Repeat(test.InitialTemperature_K, test.Count)],
            double.NaN, false, problem, 0, 0);
    }

    private static int TemperaturePoints(CalibrationTest test) =>
        test.Temperature_K is { } temperature ? temperature.Count(double.IsFinite) : 0;
}
