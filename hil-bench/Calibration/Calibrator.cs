using System.Diagnostics;
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

    /// <summary>Gaussian priors on fitted parameters (maximum a posteriori; none: least squares on the data alone).</summary>
    public IReadOnlyList<ParameterPrior> Priors { get; init; } = [];
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

    /// <summary>
    /// Fits <paramref name="parameters"/> of <paramref name="baseSet"/> to <paramref name="fitTests"/>: the starting
    /// points screened, the fit from the best, then (with <see cref="CalibrationSettings.CentralDifferenceCovariance"/>)
    /// the polish and the curvature probes, the covariance at the optimum, and the report's replays, which include
    /// <paramref name="validationTests"/>.
    /// </summary>
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
        var problem = new CalibrationProblem(baseSet, parameters, fitTests, settings.FitModel, settings.Weights, null, settings.Workers, settings.Priors);
        if (problem.DataResidualCount <= parameters.Count)
        {
            throw new CalibrationInputException($"{problem.DataResidualCount} comparison points cannot determine {parameters.Count} parameters");
        }

        var stages = new CalibrationStages(problem, settings, progress, clock, cancellation);
        var starts = stages.StartingPoints();
        var screened = stages.Screen(starts);
        var (fit, outcomes) = stages.Fit(starts, screened);
        stages.Report("covariance", fit);
        var (optimum, covariance) = settings.CentralDifferenceCovariance
            ? stages.PolishAndProbe(fit)
            : (fit, stages.CovarianceAt(fit));
        var values = stages.Natural(optimum.Point);
        var sigma = values.Select((_, i) => Math.Abs(parameters[i].Derivative(optimum.Point[i])) * covariance.SigmaFit[i]).ToArray();
        var replays = settings.ReportReplays
            ? stages.Replay([.. fitTests, .. validationTests], optimum)
            : CalibrationStages.ReportReplays.None;

        return new CalibrationResult
        {
            Parameters = parameters,
            BaseValues = stages.Natural(problem.Start),
            Values = values,
            FitPoint = optimum.Point,
            Sigma = sigma,
            Covariance = covariance,
            Converged = optimum.Converged,
            Reason = optimum.Reason,
            AtBound = optimum.AtBound,
            Iterations = optimum.Iterations,
            Evaluations = optimum.Evaluations,
            InitialCost = outcomes[0].InitialCost,
            Cost = optimum.Cost,
            Starts = outcomes,
            BaseSet = baseSet,
            FittedSet = problem.SetAt(optimum.Point),
            FitTests = fitTests,
            ValidationTests = validationTests,
            Settings = settings,
            Elapsed_s = clock.Elapsed.TotalSeconds,
            Before = replays.Before,
            After = replays.After,
            FitMeshMetrics = replays.FitMesh,
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
}
