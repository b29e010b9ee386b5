using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>Sensor noise of synthetic data: independent Gaussian errors.</summary>
/// <param name="Voltage_V">σ of the voltage channel [V].</param>
/// <param name="Temperature_K">σ of the temperature channel [K].</param>
public sealed record SensorNoise(double Voltage_V = 0.002, double Temperature_K = 0.2);

/// <summary>Synthetic measured tests: the plant's own replay of a test's current at known parameters, plus sensor noise.</summary>
public static class SyntheticData
{
    /// <summary>The noise-free plant output of every test at <paramref name="truth"/>; every test must replay in full.</summary>
    public static IReadOnlyList<ReplayResult> Clean(ParameterSet truth, IReadOnlyList<CalibrationTest> templates, ModelOptions options, int workers = 0)
    {
        var (_, clean) = Feasible(truth, templates, options, workers, maxShrink: 0);
        return clean;
    }

    /// <summary>
    /// The templates the true cell can replay in full, with their noise-free output. A measured current profile may
    /// ask for more charge than the true cell holds (it stops at the voltage floor); such a template's current is
    /// scaled down by 5 % at a time (at most <paramref name="maxShrink"/> times), as a cycler would discharge a
    /// smaller cell at the same schedule. A template that still cannot be replayed is a one-line input error.
    /// </summary>
    public static (IReadOnlyList<CalibrationTest> Templates, IReadOnlyList<ReplayResult> Clean) Feasible(
        ParameterSet truth, IReadOnlyList<CalibrationTest> templates, ModelOptions options, int workers = 0, int maxShrink = 4)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var usable = templates.ToArray();
        var results = new ReplayResult[templates.Count];
        var errors = new string?[templates.Count];
        Parallel.For(0, templates.Count, new ParallelOptions { MaxDegreeOfParallelism = workers > 0 ? workers : Environment.ProcessorCount }, t =>
        {
            for (var shrink = 0; ; shrink++)
            {
                var scale = Math.Pow(0.95, shrink);
                var template = shrink == 0 ? templates[t] : templates[t] with
                {
                    Profile = [.. templates[t].Profile.Select(p => p with { Current_A = p.Current_A * scale })],
                    Name = string.Create(CultureInfo.InvariantCulture, $"{templates[t].Name} (current ×{scale:F3})"),
                };
                var r = TestReplay.Run(truth, template, options);
                if (r.Completed && r.Problem is null)
                {
                    (usable[t], results[t]) = (template, r);
                    return;
                }

                if (shrink >= maxShrink)
                {
                    errors[t] = $"{templates[t].Name}: the true cell cannot replay the recorded current{(shrink > 0 ? string.Create(CultureInfo.InvariantCulture, $" even scaled to {scale:P0}") : "")}: {r.Problem}";
                    return;
                }
            }
        });

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw new CalibrationInputException(error);
        }

        return (usable, results);
    }

    /// <summary>The tests with measured values = clean output + noise (temperature only where the template has one).</summary>
    public static IReadOnlyList<CalibrationTest> WithNoise(IReadOnlyList<CalibrationTest> templates, IReadOnlyList<ReplayResult> clean, SensorNoise noise, Random random)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(random);
        var tests = new List<CalibrationTest>(templates.Count);
        for (var t = 0; t < templates.Count; t++)
        {
            var template = templates[t];
            var v = clean[t].Voltage_V.Select(x => x + noise.Voltage_V * Gaussian(random)).ToArray();
            double[]? temperature = null;
            if (template.Temperature_K is { } measured)
            {
                temperature = measured.Select((m, k) => double.IsFinite(m) ? clean[t].Temperature_K[k] + noise.Temperature_K * Gaussian(random) : double.NaN).ToArray();
            }

            // the synthetic cell starts at the SOC the true cell had, whatever the rest voltage says
            tests.Add(template.WithMeasurements(v, temperature) with { InitialStateOfCharge = clean[t].InitialStateOfCharge, Name = template.Name + " (synthetic)" });
        }

        return tests;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>
/// One fit of a coverage study. <paramref name="Z"/> is (estimate − truth)/σ of each parameter in fit coordinates with
/// the reported σ, <paramref name="LinearisedZ"/> the same with the plain linearised σ (before the curvature probes
/// widened it); <paramref name="TruthResidualVariance"/> is s² of the same synthetic data at the true parameters: a
/// fit that ends above it has not found the least-squares optimum (the truth itself is a better point).
/// </summary>
public sealed record CoverageFit(int Seed, double[] Values, double[] Sigma, double[] Z, double[] LinearisedZ, bool Converged, double ResidualVariance, double TruthResidualVariance, double Elapsed_s)
{
    /// <summary>Whether each ±2σ interval of the plain linearised σ holds the truth.</summary>
    public bool[] LinearisedInside => [.. LinearisedZ.Select(z => Math.Abs(z) <= 2)];

    /// <summary>The fit ended at least as low as the truth's cost: it found the optimum, or a point as good.</summary>
    public bool ReachedOptimum => ResidualVariance <= TruthResidualVariance;

    /// <summary>Whether each ±2σ interval holds the truth.</summary>
    public bool[] Inside => [.. Z.Select(z => Math.Abs(z) <= 2)];

    /// <summary>The factor the fit's covariance was multiplied by for correlated residuals (1: none).</summary>
    public double VarianceInflation { get; init; } = 1;

    /// <summary>Starting points the fit screened (the perturbed start and random ones around it).</summary>
    public int Starts { get; init; } = 1;
}

/// <summary>Result of a coverage study: how often the true value lies within ±2σ of the estimate.</summary>
public sealed record CoverageResult(IReadOnlyList<CalibrationParameter> Parameters, double[] Truth, IReadOnlyList<CoverageFit> Fits, SensorNoise Noise, double Elapsed_s)
{
    /// <summary>Fraction of fits whose ±2σ interval holds the truth, per parameter.</summary>
    public double[] PerParameter => [.. Parameters.Select((_, i) => Fits.Count(f => f.Inside[i]) / (double)Fits.Count)];

    /// <summary>Fraction of all (fit, parameter) intervals that hold the truth.</summary>
    public double Overall => Fits.Sum(f => f.Inside.Count(x => x)) / (double)(Fits.Count * Parameters.Count);

    /// <summary>Fraction of all intervals that would hold the truth with the plain linearised σ (no curvature probes).</summary>
    public double OverallLinearised => Fits.Sum(f => f.LinearisedInside.Count(x => x)) / (double)(Fits.Count * Parameters.Count);

    /// <summary>
    /// Whether fit <paramref name="fit"/> ended with parameter <paramref name="i"/> on a bound: the calibrator's notes
    /// call such an interval not meaningful (the data push the parameter further, the bound cuts the estimate off).
    /// </summary>
    public bool OnBound(CoverageFit fit, int i)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var p = Parameters[i];
        var u = p.ToFit(fit.Values[i]);
        var tolerance = 1e-9 * (p.UpperFit - p.LowerFit);
        return u <= p.LowerFit + tolerance || u >= p.UpperFit - tolerance;
    }

    /// <summary>Intervals that ended on a bound, and the fraction of all the others that hold the truth.</summary>
    public (int OnBound, double OthersInside) OffBound()
    {
        var onBound = 0;
        var others = 0;
        var inside = 0;
        foreach (var f in Fits)
        {
            for (var i = 0; i < Parameters.Count; i++)
            {
                if (OnBound(f, i))
                {
                    onBound++;
                }
                else
                {
                    others++;
                    inside += f.Inside[i] ? 1 : 0;
                }
            }
        }

        return (onBound, others == 0 ? double.NaN : inside / (double)others);
    }

    /// <summary>Fraction of fits whose intervals hold every true value.</summary>
    public double AllInside => Fits.Count(f => f.Inside.All(x => x)) / (double)Fits.Count;

    /// <summary>
    /// The fits that reached the noise floor (residual variance below <see cref="NoiseFloor"/>): the optimum the
    /// intervals describe. A fit far above it stopped in another valley or short of the optimum — a failure of the
    /// search, which more starts or iterations cure, not of the intervals.
    /// </summary>
    public IReadOnlyList<CoverageFit> AtNoiseFloor => [.. Fits.Where(f => f.ResidualVariance < NoiseFloor)];

    /// <summary>s² below this counts as the noise floor (s² ≈ 1 when the model is exact and σ the true noise).</summary>
    public const double NoiseFloor = 2.0;

    /// <summary>Fraction of the intervals of <see cref="AtNoiseFloor"/> fits that hold the truth (NaN without such fits).</summary>
    public double OverallAtNoiseFloor => AtNoiseFloor.Count == 0 ? double.NaN
        : AtNoiseFloor.Sum(f => f.Inside.Count(x => x)) / (double)(AtNoiseFloor.Count * Parameters.Count);

    /// <summary>The fits that ended at or below the truth's cost (<see cref="CoverageFit.ReachedOptimum"/>).</summary>
    public IReadOnlyList<CoverageFit> AtOptimum => [.. Fits.Where(f => f.ReachedOptimum)];

    /// <summary>Fraction of the intervals of <see cref="AtOptimum"/> fits that hold the truth (NaN without such fits).</summary>
    public double OverallAtOptimum => AtOptimum.Count == 0 ? double.NaN
        : AtOptimum.Sum(f => f.Inside.Count(x => x)) / (double)(AtOptimum.Count * Parameters.Count);

    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        w.AppendLine(inv, $"coverage study: {Fits.Count} fits, noise sigma_V = {Noise.Voltage_V * 1000:G3} mV, sigma_T = {Noise.Temperature_K:G3} K, {Elapsed_s:F0} s");
        w.AppendLine(inv, $"truth inside ±2σ: {Overall:P1} of all {Fits.Count * Parameters.Count} intervals (nominal 95.4 %); every parameter inside in {AllInside:P0} of the fits; {Fits.Count(f => f.Converged)} of {Fits.Count} fits converged");
        w.AppendLine(inv, $"with the plain linearised σ (before the curvature probes widened it): {OverallLinearised:P1}");
        var (onBound, othersInside) = OffBound();
        w.AppendLine(inv, $"{onBound} intervals ended on a bound (the calibrator marks them not meaningful); the other {Fits.Count * Parameters.Count - onBound} hold the truth in {othersInside:P1}");
        w.AppendLine(inv, $"{AtNoiseFloor.Count} of {Fits.Count} fits reached the noise floor (s² < {NoiseFloor:F0}); their intervals hold the truth in {OverallAtNoiseFloor:P1} of {AtNoiseFloor.Count * Parameters.Count}");
        w.AppendLine(inv, $"{AtOptimum.Count} of {Fits.Count} fits ended at or below the cost of the truth (the others stopped short of the optimum); their intervals hold the truth in {OverallAtOptimum:P1} of {AtOptimum.Count * Parameters.Count}");
        w.AppendLine("parameter                                                                        truth        coverage  mean(est−truth)/σ  sd(est)/mean(σ)");
        var per = PerParameter;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var z = Fits.Select(f => f.Z[i]).ToArray();
            var estimates = Fits.Select(f => p.ToFit(f.Values[i])).ToArray();
            var mean = estimates.Average();
            var sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / Math.Max(1, estimates.Length - 1));
            var meanSigma = Fits.Average(f => f.Sigma[i] / Math.Abs(p.Derivative(p.ToFit(f.Values[i]))));
            w.AppendLine(inv, $"{p.Label,-80} {Truth[i],-12:G5} {per[i],7:P0}  {z.Average(),12:F2}  {sd / meanSigma,14:F2}");
        }

        return w.ToString();
    }
}

/// <summary>
/// Honesty check of the reported intervals: synthetic data from the plant at known parameters plus independent sensor
/// noise, fitted again and again with different noise seeds (each from a start perturbed from the truth, plus
/// <see cref="CalibrationSettings.Starts"/> − 1 random ones around it, as a real calibration); counts how often
/// the truth lies within ±2σ. With independent Gaussian noise and an exact model the linearised intervals should hold
/// the truth about 95 % of the time; nonlinearity and bounds make it less. True values within 0.1 % of the (fit-coordinate)
/// range of a bound (a fit that ended on a bound) are first moved 5 % of the range inside; values merely near a
/// bound (a lithium inventory 9 % below the maximum concentration) stay where they are.
/// </summary>
public static class CoverageStudy
{
    public static CoverageResult Run(
        ParameterSet truth,
        IReadOnlyList<CalibrationParameter> parameters,
        IReadOnlyList<CalibrationTest> templates,
        CalibrationSettings settings,
        SensorNoise noise,
        int fits,
        int firstSeed = 1,
        Action<int, CoverageFit>? onFit = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(noise);
        var clock = Stopwatch.StartNew();

        // a true value on a bound has no two-sided interval to cover: move it 5 % of the range inside
        foreach (var p in parameters)
        {
            var u = p.ToFit(p.Read(truth));
            var margin = 0.05 * (p.UpperFit - p.LowerFit);
            var inside = Math.Clamp(u, p.LowerFit + margin, p.UpperFit - margin);
            if (inside != u && (u - p.LowerFit < 1e-3 * (p.UpperFit - p.LowerFit) || p.UpperFit - u < 1e-3 * (p.UpperFit - p.LowerFit)))
            {
                truth = p.Apply(truth, p.FromFit(inside));
            }
        }

        (templates, var clean) = SyntheticData.Feasible(truth, templates, settings.FitModel, settings.Workers);
        var trueValues = parameters.Select(p => p.Read(truth)).ToArray();
        var weights = new ResidualWeights(noise.Voltage_V, noise.Voltage_V, noise.Temperature_K);
        var fitSettings = settings with { Weights = weights, ReportReplays = false };
        var results = new List<CoverageFit>(fits);
        for (var k = 0; k < fits; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var seed = firstSeed + k;
            var random = new Random(seed);
            var data = SyntheticData.WithNoise(templates, clean, noise, random);

            // start away from the truth, as a real calibration would
            var start = truth;
            for (var i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                var spread = p.StartSpreadFactor * (p.Scale == FitScale.Log ? settings.StartSpread : settings.StartSpread * (p.Upper - p.Lower));
                var u = p.ToFit(trueValues[i]) + spread * SyntheticData.Gaussian(random);
                start = p.Apply(start, p.FromFit(Math.Clamp(u, p.LowerFit, p.UpperFit)));
            }

            var fitClock = Stopwatch.StartNew();
            var result = Calibrator.Run(start, parameters, data, [], fitSettings, cancellation: cancellation);
            double[] Z(double[] sigma) => [.. parameters.Select((p, i) => (p.ToFit(result.Values[i]) - p.ToFit(trueValues[i])) / sigma[i])];
            var atTruth = new CalibrationProblem(truth, parameters, data, fitSettings.FitModel, weights, null, fitSettings.Workers)
                .Evaluate([[.. parameters.Select((p, i) => p.ToFit(trueValues[i]))]], cancellation)[0];
            var truthVariance = atTruth.Sum(r => r * r) / (atTruth.Length - parameters.Count);
            var fit = new CoverageFit(seed, result.Values, result.Sigma, Z(result.Covariance.SigmaFit), Z(result.Covariance.LinearisedSigmaFit), result.Converged, result.Covariance.ResidualVariance, truthVariance, fitClock.Elapsed.TotalSeconds)
            {
                VarianceInflation = result.Covariance.VarianceInflation,
                Starts = result.Starts.Count,
            };
            results.Add(fit);
            onFit?.Invoke(k, fit);
        }

        return new CoverageResult(parameters, trueValues, results, noise, clock.Elapsed.TotalSeconds);
    }
}
