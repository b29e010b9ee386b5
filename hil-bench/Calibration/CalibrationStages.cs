using System.Diagnostics;
using System.Globalization;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// The stages of one <see cref="Calibrator.Run"/>, in order: the starting points, a short run from each, the fit from
/// the best of them, the Gauss–Newton polish and the rounds of curvature probes (with a central-difference
/// covariance), the covariance, and the replays of the report. Each stage takes what the one before returned and
/// returns its own result; the stages share only what stays the same during a run: the problem, the settings, and
/// where progress goes.
/// </summary>
internal sealed class CalibrationStages
{
    private readonly CalibrationProblem _problem;
    private readonly CalibrationSettings _settings;
    private readonly Action<CalibrationProgress>? _progress;
    private readonly Stopwatch _clock;
    private readonly CancellationToken _cancellation;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double[] _steps;
    private readonly int[] _blocks;

    public CalibrationStages(CalibrationProblem problem, CalibrationSettings settings, Action<CalibrationProgress>? progress, Stopwatch clock, CancellationToken cancellation)
    {
        _problem = problem;
        _settings = settings;
        _progress = progress;
        _clock = clock;
        _cancellation = cancellation;
        _lower = problem.Lower;
        _upper = problem.Upper;
        _steps = LevenbergMarquardt.FiniteDifferenceSteps(problem.Parameters, settings.Optimiser.FiniteDifferenceStep);
        _blocks = [.. Enumerable.Range(0, problem.Tests.Count).Select(problem.Offset)];
    }

    /// <summary>
    /// Where the fit stands after a stage: the point, its residuals and Jacobian, whether it is converged and why, the
    /// optimiser's iterations, and the replays every stage so far has spent.
    /// </summary>
    public sealed record FitState(double[] Point, double[] Residuals, double[,] Jacobian, double Cost, bool[] AtBound, bool Converged, string Reason, int Iterations, int Evaluations)
    {
        public FitState Noting(string reason) => this with { Reason = Reason + reason };
    }

    /// <summary>The point the fit continues from, each screened start's outcome (none with one start), and the replays spent.</summary>
    public sealed record Screening(double[] Best, IReadOnlyList<StartOutcome> Outcomes, int Evaluations);

    /// <summary>Metrics at the optimum on the fit mesh, and replays at the start and at the optimum on the report mesh.</summary>
    public sealed record ReportReplays(IReadOnlyList<TestMetrics> FitMesh, IReadOnlyList<ReplayResult> Before, IReadOnlyList<ReplayResult> After)
    {
        public static ReportReplays None { get; } = new([], [], []);
    }

    /// <summary>The parameters' natural values at fit coordinates <paramref name="u"/>.</summary>
    public double[] Natural(double[] u) => [.. u.Select((v, i) => _problem.Parameters[i].FromFit(v))];

    /// <summary>The base values, then <see cref="CalibrationSettings.Starts"/> − 1 seeded random points around them, inside the bounds.</summary>
    public List<double[]> StartingPoints()
    {
        var random = new Random(_settings.Seed);
        var starts = new List<double[]> { _problem.Start };
        for (var s = 1; s < _settings.Starts; s++)
        {
            starts.Add([.. _problem.Start.Select((u, i) =>
            {
                var p = _problem.Parameters[i];
                var spread = p.StartSpreadFactor * (p.Scale == FitScale.Log ? _settings.StartSpread : _settings.StartSpread * (p.Upper - p.Lower));
                return Math.Clamp(u + spread * SyntheticData.Gaussian(random), _lower[i], _upper[i]);
            })]);
        }

        return starts;
    }

    /// <summary>
    /// With several starts, a short Levenberg–Marquardt run (<see cref="CalibrationSettings.StartIterations"/>) from
    /// each: the lowest end point is the one to continue. With one start, that start.
    /// </summary>
    public Screening Screen(IReadOnlyList<double[]> starts)
    {
        if (starts.Count == 1)
        {
            return new Screening(starts[0], [], 0);
        }

        var screening = new LevenbergMarquardt(_settings.Optimiser with { MaxIterations = _settings.StartIterations });
        var outcomes = new List<StartOutcome>();
        var best = starts[0];
        var bestCost = double.PositiveInfinity;
        var evaluations = 0;
        for (var s = 0; s < starts.Count; s++)
        {
            var stage = $"start {s + 1}/{starts.Count}";
            Report(stage, 0, double.NaN, starts[s], evaluations);
            var run = screening.Minimise(_problem.Evaluate, starts[s], _lower, _upper, _steps, OptimiserProgress(stage), _cancellation, finalJacobian: false);
            evaluations += run.Evaluations;
            outcomes.Add(new StartOutcome(Natural(starts[s]), Natural(run.Point), run.InitialCost, run.Cost));
            if (run.Cost < bestCost)
            {
                bestCost = run.Cost;
                best = run.Point;
            }
        }

        return new Screening(best, outcomes, evaluations);
    }

    /// <summary>
    /// Levenberg–Marquardt from the screened best until it converges (ending on a fresh forward Jacobian unless the
    /// covariance takes a central one); with one start, this run is that start's outcome.
    /// </summary>
    public (FitState Fit, IReadOnlyList<StartOutcome> Starts) Fit(IReadOnlyList<double[]> starts, Screening screened)
    {
        var run = new LevenbergMarquardt(_settings.Optimiser)
            .Minimise(_problem.Evaluate, screened.Best, _lower, _upper, _steps, OptimiserProgress("fit"), _cancellation, finalJacobian: !_settings.CentralDifferenceCovariance);
        var fit = new FitState(run.Point, run.Residuals, run.Jacobian, run.Cost, run.AtBound, run.Converged, run.Reason, run.Iterations, screened.Evaluations + run.Evaluations);
        IReadOnlyList<StartOutcome> outcomes = starts.Count == 1
            ? [new StartOutcome(Natural(starts[0]), Natural(run.Point), run.InitialCost, run.Cost)]
            : screened.Outcomes;
        return (fit, outcomes);
    }

    /// <summary>s² (JᵀJ)⁻¹ at the fit's point from its Jacobian, inflated for correlated residuals within each test.</summary>
    public ParameterCovariance CovarianceAt(FitState fit) =>
        ParameterCovariance.Compute(fit.Jacobian, fit.Residuals, _blocks, _problem.Priors.Count).ForCorrelatedResiduals();

    /// <summary>
    /// The Gauss–Newton polish from the fit's point, then rounds of ±2σ curvature probes: the optimum the covariance
    /// describes, its central-difference Jacobian, and the covariance there (widened along flat axes).
    /// </summary>
    public (FitState Fit, ParameterCovariance Covariance) PolishAndProbe(FitState fit)
    {
        var polished = Polish(fit, fit.Point, fit.Residuals);
        return Probe(polished, CovarianceAt(polished));
    }

    /// <summary>
    /// Gauss–Newton steps from <paramref name="from"/> to the optimum, ending on the central-difference Jacobian the
    /// covariance needs. A fit continued from a probe's point (<paramref name="continuedFrom"/>: a Jacobian near it
    /// that sizes the difference steps) is converged only if its own polish reached the optimum.
    /// </summary>
    public FitState Polish(FitState fit, double[] from, double[] residualsFrom, double[,]? continuedFrom = null)
    {
        var polish = GaussNewtonPolish.Run(_problem, from, residualsFrom, _steps, _lower, _upper, _settings.PolishSteps, continuedFrom, _cancellation,
            (step, cost, point, spent) => Report("polish", step, cost, point, fit.Evaluations + spent));
        return fit with
        {
            Point = polish.Point,
            Residuals = polish.Residuals,
            Jacobian = polish.Jacobian,
            Cost = 0.5 * polish.Residuals.Sum(x => x * x),
            AtBound = [.. polish.Point.Select((v, i) => v <= _lower[i] || v >= _upper[i])],
            Converged = polish.AtOptimum || (continuedFrom is null && fit.Converged),
            Reason = fit.Reason + $"; Gauss–Newton polish: {polish.Steps} step(s), {polish.Stop}{(polish.AtOptimum ? "" : " (not at the optimum)")}",
            Evaluations = fit.Evaluations + polish.Evaluations,
        };
    }

    /// <summary>
    /// Rounds of ±2σ probes along the covariance's principal axes (<see cref="CurvatureProbes"/>): while rounds remain,
    /// a probe with a lower cost continues the fit from there (polished again, a new covariance); otherwise the round's
    /// curvatures widen the covariance along the axes flatter than linearised, and the probes end.
    /// </summary>
    public (FitState Fit, ParameterCovariance Covariance) Probe(FitState fit, ParameterCovariance covariance)
    {
        for (var round = 1; round <= _settings.ProbeRounds; round++)
        {
            Report($"curvature probes {round}/{_settings.ProbeRounds}", fit);
            var probe = CurvatureProbes.Run(_problem.Evaluate, fit.Point, fit.Residuals, fit.Jacobian, covariance, _lower, _upper, _cancellation);
            fit = fit with { Evaluations = fit.Evaluations + probe.Evaluations };
            if (probe.FoundLowerCost && round < _settings.ProbeRounds)
            {
                // the central Jacobian 2σ away sizes the difference steps as well as a fresh one would
                var continued = fit.Noting(string.Create(CultureInfo.InvariantCulture, $"; a ±2σ probe lowered the cost by {probe.Decrease:G3}: continued from there"));
                fit = Polish(continued, probe.LowerPoint!, probe.LowerResiduals!, continuedFrom: fit.Jacobian);
                covariance = CovarianceAt(fit);
                continue;
            }

            if (probe.FoundLowerCost)
            {
                fit = (fit with { Converged = false }).Noting(string.Create(CultureInfo.InvariantCulture,
                    $"; after {round} round(s) a ±2σ probe still lowers the cost by {probe.Decrease:G3} (not at the optimum)"));
            }

            var widened = fit.Noting(string.Create(CultureInfo.InvariantCulture,
                $"; ±2σ curvature probes: {probe.WidenedAxes} of {probe.Widening.Length} axes flatter than linearised, widened (variance up to ×{probe.Widening.Max():G3})"));
            return (widened, covariance.Widened(probe.Widening));
        }

        return (fit, covariance);
    }

    /// <summary>
    /// Every test (fitted and held out) at the optimum on the fit mesh (what the optimiser saw), then at the start and
    /// at the optimum on the report mesh, with dense traces for the report.
    /// </summary>
    public ReportReplays Replay(IReadOnlyList<CalibrationTest> tests, FitState fit)
    {
        Report("errors on the default mesh", fit);
        var fitMeshReplays = _problem.With(tests).ReplayAll(fit.Point, cancellation: _cancellation);
        var fitMesh = tests.Select((t, i) => TestMetrics.Of(t, fitMeshReplays[i])).ToList();
        var report = _problem.With(tests, _settings.ReportModel);
        var before = report.ReplayAll(_problem.Start, TraceInterval(tests), _cancellation);
        var after = report.ReplayAll(fit.Point, TraceInterval(tests), _cancellation);
        return new ReportReplays(fitMesh, before, after);
    }

    private static double TraceInterval(IReadOnlyList<CalibrationTest> tests) =>
        Math.Max(1, tests.Max(t => t.End_s) / 1500);

    /// <summary>The progress of an optimiser's run, under <paramref name="stage"/>.</summary>
    private Action<LevenbergMarquardtProgress> OptimiserProgress(string stage) =>
        p => Report(stage, p.Iteration, p.Cost, p.Point, p.Evaluations);

    /// <summary>Tells the progress callback, if any, where the fit stands at <paramref name="stage"/>.</summary>
    public void Report(string stage, FitState fit) => Report(stage, fit.Iterations, fit.Cost, fit.Point, fit.Evaluations);

    private void Report(string stage, int iteration, double cost, double[] point, int evaluations) =>
        _progress?.Invoke(new CalibrationProgress(stage, iteration, cost, Natural(point), evaluations, _clock.Elapsed.TotalSeconds));
}
