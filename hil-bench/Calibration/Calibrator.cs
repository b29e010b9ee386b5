using System.Diagnostics;
using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>Settings of a calibration run.</summary>
public sealed record CalibrationSettings
{
    /// <summary>Mesh and submodels during the fit (coarser than the default: 10 volumes and shells; within a few mV, see README).</summary>
    public ModelOptions FitModel { get; init; } = new() { NegativeVolumes = 10, SeparatorVolumes = 10, PositiveVolumes = 10, NegativeShells = 10, PositiveShells = 10 };

    /// <summary>Mesh and submodels of the reported errors (the plant's defaults).</summary>
    public ModelOptions ReportModel { get; init; } = new();

    public ResidualWeights Weights { get; init; } = new();

    /// <summary>
    /// Levenberg–Marquardt settings. It hands over to the Gauss–Newton polish once two steps in a row gain less
    /// than 0.1 % of the cost: creeping along a flat valley on forward differences over the optimiser's steps is
    /// slow (on the LG M50 fit, iterations 10–22 gained 0.8 % in six minutes), the polish's σ-sized differences
    /// go straight down it.
    /// </summary>
    public LevenbergMarquardtOptions Optimiser { get; init; } = new() { CostTolerance = 1e-3 };

    /// <summary>Starting points: the base cell's values, plus Starts − 1 random points around them.</summary>
    public int Starts { get; init; } = 3;

    /// <summary>Iterations each start gets before the best one is continued to convergence (ignored with one start).</summary>
    public int StartIterations { get; init; } = 4;

    /// <summary>
    /// Spread of the random starts: σ in ln θ for log-scale parameters, a fraction of the range for linear ones
    /// (times <see cref="CalibrationParameter.StartSpreadFactor"/>).
    /// </summary>
    public double StartSpread { get; init; } = 0.2;

    public int Seed { get; init; } = 12;

    /// <summary>Threads for the replays (0: all cores).</summary>
    public int Workers { get; init; }

    /// <summary>Evaluate errors on <see cref="ReportModel"/> and keep dense traces for the report (off for coverage studies).</summary>
    public bool ReportReplays { get; init; } = true;

    /// <summary>Covariance from a central-difference Jacobian at the optimum (2n replays of every test) rather than the optimiser's forward one.</summary>
    public bool CentralDifferenceCovariance { get; init; } = true;

    /// <summary>Gauss–Newton steps after the Levenberg–Marquardt run, on forward differences over each parameter's σ (with <see cref="CentralDifferenceCovariance"/>; 0: none, the central Jacobian for the covariance is computed either way).</summary>
    public int PolishSteps { get; init; } = 8;

    /// <summary>
    /// Rounds of ±2σ curvature probes after the polish (<see cref="CurvatureProbes"/>; with
    /// <see cref="CentralDifferenceCovariance"/>): a probe that finds a lower cost moves the fit there and polishes
    /// again, the last round's curvatures widen the covariance. 0: the plain linearised covariance.
    /// </summary>
    public int ProbeRounds { get; init; } = 3;
}

/// <summary>Progress of a calibration, for live displays.</summary>
public sealed record CalibrationProgress(string Stage, int Iteration, double Cost, IReadOnlyList<double> Values, int Evaluations, double Elapsed_s);

/// <summary>One starting point and where its short run ended.</summary>
public sealed record StartOutcome(double[] StartValues, double[] EndValues, double InitialCost, double Cost);

/// <summary>Everything a calibration found.</summary>
public sealed record CalibrationResult
{
    public required IReadOnlyList<CalibrationParameter> Parameters { get; init; }
    public required double[] BaseValues { get; init; }
    public required double[] Values { get; init; }
    public required double[] FitPoint { get; init; }

    /// <summary>1σ in natural units (linearised).</summary>
    public required double[] Sigma { get; init; }

    public required ParameterCovariance Covariance { get; init; }
    public required bool Converged { get; init; }
    public required string Reason { get; init; }
    public required bool[] AtBound { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    public required double InitialCost { get; init; }
    public required double Cost { get; init; }
    public required IReadOnlyList<StartOutcome> Starts { get; init; }
    public required ParameterSet BaseSet { get; init; }
    public required ParameterSet FittedSet { get; init; }
    public required IReadOnlyList<CalibrationTest> FitTests { get; init; }
    public required IReadOnlyList<CalibrationTest> ValidationTests { get; init; }
    public required CalibrationSettings Settings { get; init; }
    public required double Elapsed_s { get; init; }

    /// <summary>Replays at the start and at the optimum on the report mesh (fit tests, then validation tests); empty unless asked for.</summary>
    public IReadOnlyList<ReplayResult> Before { get; init; } = [];
    public IReadOnlyList<ReplayResult> After { get; init; } = [];

    /// <summary>Metrics at the optimum on the fit mesh (what the optimiser saw).</summary>
    public IReadOnlyList<TestMetrics> FitMeshMetrics { get; init; } = [];

    public IReadOnlyList<CalibrationTest> AllTests => [.. FitTests, .. ValidationTests];

    public IReadOnlyList<TestMetrics> MetricsBefore => [.. AllTests.Select((t, i) => TestMetrics.Of(t, Before[i]))];

    public IReadOnlyList<TestMetrics> MetricsAfter => [.. AllTests.Select((t, i) => TestMetrics.Of(t, After[i]))];

    /// <summary>The fitted parameters with their uncertainty, as a cell file's <c>uncertainty:</c> section.</summary>
    /// <remarks>
    /// Environment parameters of test groups are not cell parameters: their rows and columns are left out, which for a
    /// Gaussian is the marginal distribution of the cell's parameters.
    /// </remarks>
    public ParameterUncertainty Uncertainty(string method, string notes)
    {
        var keep = Enumerable.Range(0, Parameters.Count).Where(i => Parameters[i].GroupAmbient_C is null).ToArray();
        var list = keep.Select(i => new UncertainParameter(Parameters[i].Name, Values[i], Parameters[i].Scale, Sigma[i], Parameters[i].Lower, Parameters[i].Upper, AtBound[i])).ToList();
        var covariance = new double[keep.Length, keep.Length];
        var correlation = new double[keep.Length, keep.Length];
        for (var a = 0; a < keep.Length; a++)
        {
            for (var b = 0; b < keep.Length; b++)
            {
                covariance[a, b] = Covariance.Covariance[keep[a], keep[b]];
                correlation[a, b] = Covariance.Correlation[keep[a], keep[b]];
            }
        }

        return new ParameterUncertainty(list, covariance, correlation, Converged, method, Covariance.ResidualCount, Covariance.ResidualVariance, notes);
    }
}

/// <summary>
/// Calibrates a cell: least squares on the replayed measured tests with <see cref="LevenbergMarquardt"/> from several
/// starts (short runs, the best continued), covariance at the optimum, errors on the plant's default mesh before and
/// after, for the fitted tests and any held-out validation tests.
/// </summary>
public static class Calibrator
{
    public const string CovarianceMethod =
        "linearised least squares: covariance s^2 (J^T J)^-1 of the fit coordinates at the optimum, J the central-difference Jacobian of the weighted residual, s^2 = residual sum of squares / (m - n), multiplied by (1 + rho)/(1 - rho) for a positive lag-1 autocorrelation rho of the residuals within each test (AR(1)-correlated residuals)";

    /// <summary><see cref="CovarianceMethod"/> with the curvature probes' widening.</summary>
    public const string ProbedCovarianceMethod = CovarianceMethod
        + "; then, along each principal axis of that covariance, the cost at +-2 sigma: where it rises less than the linearised model predicts, that axis's variance is multiplied by the ratio (at most x10; never narrowed)";

    /// <summary>How <paramref name="covariance"/> was computed.</summary>
    public static string MethodOf(ParameterCovariance covariance) =>
        covariance is { AxisWidening.Length: > 0 } ? ProbedCovarianceMethod : CovarianceMethod;

    public static CalibrationResult Run(
        ParameterSet baseSet,
        IReadOnlyList<CalibrationParameter> parameters,
        IReadOnlyList<CalibrationTest> fitTests,
        IReadOnlyList<CalibrationTest> validationTests,
        CalibrationSettings settings,
        Action<CalibrationProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(baseSet);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        if (parameters.Count == 0)
        {
            throw new CalibrationInputException("no parameters to fit");
        }

        var clock = Stopwatch.StartNew();
        var problem = new CalibrationProblem(baseSet, parameters, fitTests, settings.FitModel, settings.Weights, null, settings.Workers);
        if (problem.ResidualCount <= parameters.Count)
        {
            throw new CalibrationInputException($"{problem.ResidualCount} comparison points cannot determine {parameters.Count} parameters");
        }

        var lower = problem.Lower;
        var upper = problem.Upper;
        var steps = LevenbergMarquardt.FiniteDifferenceSteps(parameters, settings.Optimiser.FiniteDifferenceStep);
        BatchResiduals residuals = (points, ct) => problem.Evaluate(points, ct);
        double[] Natural(double[] u) => [.. u.Select((v, i) => parameters[i].FromFit(v))];
        Action<LevenbergMarquardtProgress> Report(string stage) => p =>
            progress?.Invoke(new CalibrationProgress(stage, p.Iteration, p.Cost, Natural(p.Point), p.Evaluations, clock.Elapsed.TotalSeconds));

        // starts: the base values, then seeded random points around them
        var random = new Random(settings.Seed);
        var starts = new List<double[]> { problem.Start };
        for (var s = 1; s < settings.Starts; s++)
        {
            starts.Add([.. problem.Start.Select((u, i) =>
            {
                var p = parameters[i];
                var spread = p.StartSpreadFactor * (p.Scale == FitScale.Log ? settings.StartSpread : settings.StartSpread * (p.Upper - p.Lower));
                return Math.Clamp(u + spread * SyntheticData.Gaussian(random), lower[i], upper[i]);
            })]);
        }

        var outcomes = new List<StartOutcome>();
        double[] best = starts[0];
        var evaluations = 0;
        if (starts.Count > 1)
        {
            var screening = new LevenbergMarquardt(settings.Optimiser with { MaxIterations = settings.StartIterations });
            var bestCost = double.PositiveInfinity;
            for (var s = 0; s < starts.Count; s++)
            {
                progress?.Invoke(new CalibrationProgress($"start {s + 1}/{starts.Count}", 0, double.NaN, Natural(starts[s]), evaluations, clock.Elapsed.TotalSeconds));
                var run = screening.Minimise(residuals, starts[s], lower, upper, steps, Report($"start {s + 1}/{starts.Count}"), cancellation, finalJacobian: false);
                evaluations += run.Evaluations;
                outcomes.Add(new StartOutcome(Natural(starts[s]), Natural(run.Point), run.InitialCost, run.Cost));
                if (run.Cost < bestCost)
                {
                    bestCost = run.Cost;
                    best = run.Point;
                }
            }
        }

        var optimiser = new LevenbergMarquardt(settings.Optimiser);
        var result = optimiser.Minimise(residuals, best, lower, upper, steps, Report("fit"), cancellation, finalJacobian: !settings.CentralDifferenceCovariance);
        evaluations += result.Evaluations;
        if (starts.Count == 1)
        {
            outcomes.Add(new StartOutcome(Natural(starts[0]), Natural(result.Point), result.InitialCost, result.Cost));
        }

        // covariance at the optimum
        progress?.Invoke(new CalibrationProgress("covariance", result.Iterations, result.Cost, Natural(result.Point), evaluations, clock.Elapsed.TotalSeconds));
        var jacobian = result.Jacobian;
        var blocks = Enumerable.Range(0, fitTests.Count).Select(problem.Offset).ToArray();
        ParameterCovariance covariance;
        ParameterCovariance CovarianceHere() => ParameterCovariance.Compute(jacobian, result.Residuals, blocks).ForCorrelatedResiduals();
        if (settings.CentralDifferenceCovariance)
        {
            // Gauss–Newton steps finish the fit at the optimum the covariance describes, and end on its central Jacobian
            var converged = result.Converged;
            var reason = result.Reason;
            void Polish(double[] from, double[] residualsFrom, double[,]? continuedFrom = null)
            {
                var before = evaluations;
                var polish = GaussNewtonPolish.Run(problem, from, residualsFrom, steps, lower, upper, settings.PolishSteps, continuedFrom, cancellation,
                    (step, cost, point, spent) => progress?.Invoke(new CalibrationProgress("polish", step, cost, Natural(point), before + spent, clock.Elapsed.TotalSeconds)));
                evaluations += polish.Evaluations;
                jacobian = polish.Jacobian;
                // a continued fit is converged only if its own polish reached the optimum
                converged = polish.AtOptimum || (continuedFrom is null && converged);
                reason += $"; Gauss–Newton polish: {polish.Steps} step(s), {polish.Stop}{(polish.AtOptimum ? "" : " (not at the optimum)")}";
                result = result with
                {
                    Point = polish.Point,
                    Residuals = polish.Residuals,
                    Jacobian = polish.Jacobian,
                    Cost = 0.5 * polish.Residuals.Sum(x => x * x),
                    AtBound = [.. polish.Point.Select((v, i) => v <= lower[i] || v >= upper[i])],
                };
            }

            Polish(result.Point, result.Residuals);
            covariance = CovarianceHere();

            // ±2σ probes along the principal axes: a lower cost continues the fit from there, the rest widens flat axes
            for (var round = 1; round <= settings.ProbeRounds; round++)
            {
                progress?.Invoke(new CalibrationProgress($"curvature probes {round}/{settings.ProbeRounds}", result.Iterations, result.Cost, Natural(result.Point), evaluations, clock.Elapsed.TotalSeconds));
                var probe = CurvatureProbes.Run(residuals, result.Point, result.Residuals, jacobian, covariance, lower, upper, cancellation);
                evaluations += probe.Evaluations;
                if (probe.FoundLowerCost && round < settings.ProbeRounds)
                {
                    reason += string.Create(CultureInfo.InvariantCulture, $"; a ±2σ probe lowered the cost by {probe.Decrease:G3}: continued from there");
                    // the central Jacobian 2σ away sizes the difference steps as well as a fresh one would
                    Polish(probe.LowerPoint!, probe.LowerResiduals!, jacobian);
                    covariance = CovarianceHere();
                    continue;
                }

                if (probe.FoundLowerCost)
                {
                    converged = false;
                    reason += string.Create(CultureInfo.InvariantCulture, $"; after {round} round(s) a ±2σ probe still lowers the cost by {probe.Decrease:G3} (not at the optimum)");
                }

                covariance = covariance.Widened(probe.Widening);
                reason += string.Create(CultureInfo.InvariantCulture, $"; ±2σ curvature probes: {probe.WidenedAxes} of {probe.Widening.Length} axes flatter than linearised, widened (variance up to ×{probe.Widening.Max():G3})");
                break;
            }

            result = result with { Converged = converged, Reason = reason };
        }
        else
        {
            covariance = CovarianceHere();
        }

        var values = Natural(result.Point);
        var sigma = values.Select((_, i) => Math.Abs(parameters[i].Derivative(result.Point[i])) * covariance.SigmaFit[i]).ToArray();

        // errors on the report mesh, before and after, for fitted and held-out tests
        IReadOnlyList<ReplayResult> before = [], after = [];
        IReadOnlyList<TestMetrics> fitMesh = [];
        if (settings.ReportReplays)
        {
            progress?.Invoke(new CalibrationProgress("errors on the default mesh", result.Iterations, result.Cost, values, evaluations, clock.Elapsed.TotalSeconds));
            var all = fitTests.Concat(validationTests).ToList();
            var fitMeshAll = problem.With(all).ReplayAll(result.Point, cancellation: cancellation);
            fitMesh = [.. all.Select((t, i) => TestMetrics.Of(t, fitMeshAll[i]))];
            var report = problem.With(all, settings.ReportModel);
            before = report.ReplayAll(problem.Start, TraceInterval(all), cancellation);
            after = report.ReplayAll(result.Point, TraceInterval(all), cancellation);
        }

        return new CalibrationResult
        {
            Parameters = parameters,
            BaseValues = Natural(problem.Start),
            Values = values,
            FitPoint = result.Point,
            Sigma = sigma,
            Covariance = covariance,
            Converged = result.Converged,
            Reason = result.Reason,
            AtBound = result.AtBound,
            Iterations = result.Iterations,
            Evaluations = evaluations,
            InitialCost = outcomes.Count > 0 ? outcomes[0].InitialCost : result.InitialCost,
            Cost = result.Cost,
            Starts = outcomes,
            BaseSet = baseSet,
            FittedSet = problem.SetAt(result.Point),
            FitTests = fitTests,
            ValidationTests = validationTests,
            Settings = settings,
            Elapsed_s = clock.Elapsed.TotalSeconds,
            Before = before,
            After = after,
            FitMeshMetrics = fitMesh,
        };
    }

    /// <summary>Central differences (one-sided at a bound), as one parallel batch.</summary>
    public static double[,] CentralJacobian(CalibrationProblem problem, double[] u, double[] steps, double[] lower, double[] upper, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var n = u.Length;
        var points = new List<double[]>(2 * n + 1) { u };
        var plus = new double[n];
        var minus = new double[n];
        for (var i = 0; i < n; i++)
        {
            plus[i] = Math.Min(u[i] + steps[i], upper[i]);
            minus[i] = Math.Max(u[i] - steps[i], lower[i]);
            var p = (double[])u.Clone();
            p[i] = plus[i];
            var q = (double[])u.Clone();
            q[i] = minus[i];
            points.Add(p);
            points.Add(q);
        }

        var r = problem.Evaluate(points, cancellation);
        var m = r[0].Length;
        var jac = new double[m, n];
        for (var i = 0; i < n; i++)
        {
            var h = plus[i] - minus[i];
            for (var k = 0; k < m; k++)
            {
                jac[k, i] = (r[1 + 2 * i][k] - r[2 + 2 * i][k]) / h;
            }
        }

        return jac;
    }

    private static double TraceInterval(IReadOnlyList<CalibrationTest> tests) =>
        Math.Max(1, tests.Max(t => t.End_s) / 1500);
}
