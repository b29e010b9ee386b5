using System.Globalization;
using System.Text;
using ChargeTwin.Cells;
using MathNet.Numerics.LinearAlgebra;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Linearised uncertainty of a least-squares fit: Cov(u) = s² (JᵀJ)⁻¹ with s² = ‖r‖²/(m − n), J the Jacobian of
/// the weighted residual in the fit coordinates u at the optimum. Computed through the SVD of J with its columns
/// scaled to unit norm, so that the singular values measure identifiability independently of units.
/// <see cref="ForCorrelatedResiduals"/> scales it for residuals that are not independent.
/// </summary>
public sealed record ParameterCovariance
{
    /// <summary>Correlations above this (in magnitude) are reported as pairs the data cannot separate.</summary>
    public const double CorrelationThreshold = 0.95;

    /// <summary>Singular values of the column-scaled Jacobian below this fraction of the largest mark a poorly determined combination.</summary>
    public const double SingularValueThreshold = 1e-3;

    public required double[,] Covariance { get; init; }
    public required double[,] Correlation { get; init; }

    /// <summary>σ of each fit coordinate u.</summary>
    public required double[] SigmaFit { get; init; }

    /// <summary>Singular values of the column-scaled Jacobian, largest first, divided by the largest.</summary>
    public required double[] NormalisedSingularValues { get; init; }

    /// <summary>Right singular vectors (columns) of the column-scaled Jacobian, in the order of <see cref="NormalisedSingularValues"/>.</summary>
    public required double[,] SingularVectors { get; init; }

    /// <summary>s² = ‖r‖²/(m − n).</summary>
    public required double ResidualVariance { get; init; }

    public required int ResidualCount { get; init; }

    /// <summary>
    /// Mean lag-1 autocorrelation of the residuals within each test. Model error makes neighbouring residuals alike;
    /// the textbook covariance assumes independent ones and is then too small by about
    /// <see cref="AutocorrelationInflation"/> in σ (<see cref="ForCorrelatedResiduals"/> corrects it).
    /// </summary>
    public double ResidualAutocorrelation { get; init; }

    /// <summary>√((1 + ρ₁)/(1 − ρ₁)): the factor by which σ grows for AR(1)-correlated residuals (ρ₁ ≥ 0).</summary>
    public double AutocorrelationInflation => Math.Sqrt(VarianceInflationOf(ResidualAutocorrelation));

    /// <summary>
    /// The factor the covariance was multiplied by for correlated residuals (<see cref="ForCorrelatedResiduals"/>);
    /// 1 for the textbook covariance.
    /// </summary>
    public double VarianceInflation { get; init; } = 1;

    /// <summary>
    /// The covariance for residuals that are correlated in time: multiplied by (1 + ρ₁)/(1 − ρ₁), ρ₁ the lag-1
    /// autocorrelation within each test (the large-sample variance of least squares with AR(1) errors and slowly
    /// varying sensitivities: about m(1 − ρ₁)/(1 + ρ₁) of the m residuals are independent). Model error makes
    /// neighbouring residuals of a real cell alike; independent sensor noise (ρ₁ ≤ 0) leaves the covariance as it is.
    /// </summary>
    public ParameterCovariance ForCorrelatedResiduals()
    {
        var target = VarianceInflationOf(ResidualAutocorrelation);
        if (PriorRows > 0)
        {
            // only the data's information is divided by the factor; a prior's σ is what its source states
            return Build(SourceJacobian!, SourceResiduals!, PriorRows, ResidualVariance, ResidualAutocorrelation, target);
        }

        var f = target / VarianceInflation; // once only, however often it is asked for
        var n = SigmaFit.Length;
        var cov = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                cov[i, j] = f * Covariance[i, j];
            }
        }

        var (sigma, corr) = SigmaAndCorrelation(cov);
        return this with { Covariance = cov, Correlation = corr, SigmaFit = sigma, LinearisedSigmaFit = sigma, VarianceInflation = target };
    }

    /// <summary>(1 + ρ₁)/(1 − ρ₁) for ρ₁ ≥ 0 (ρ₁ capped at 0.999), else 1.</summary>
    public static double VarianceInflationOf(double lagOneAutocorrelation)
    {
        var rho = Math.Clamp(lagOneAutocorrelation, 0, 0.999);
        return (1 + rho) / (1 - rho);
    }

    /// <param name="jacobian">m × n Jacobian of the weighted residual in fit coordinates.</param>
    /// <param name="residuals">Weighted residuals at the optimum.</param>
    /// <param name="blocks">Start of each independent block of residuals (for the autocorrelation), or null.</param>
    /// <param name="priorRows">
    /// The last rows are Gaussian priors (<see cref="ParameterPrior"/>, residual (u − μ)/σ_prior): they are not data, so
    /// s² and the autocorrelation come from the other rows, and the covariance is the linearised posterior's,
    /// (J_dᵀJ_d / s² + J_pᵀJ_p)⁻¹ — a prior's σ is not rescaled by the data's residual variance.
    /// </param>
    public static ParameterCovariance Compute(double[,] jacobian, double[] residuals, IReadOnlyList<int>? blocks = null, int priorRows = 0)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentNullException.ThrowIfNull(residuals);
        var m = jacobian.GetLength(0) - priorRows;
        var n = jacobian.GetLength(1);
        if (priorRows < 0 || m <= n)
        {
            throw new ArgumentException($"{m} residuals cannot determine {n} parameters");
        }

        var data = residuals[..m];
        var s2 = data.Sum(x => x * x) / (m - n);
        return Build(jacobian, residuals, priorRows, s2, LagOneAutocorrelation(data, blocks ?? [0]), 1);
    }

    /// <summary>
    /// f s² (AᵀA)⁻¹ with A the Jacobian whose prior rows are multiplied by √(f s²), i.e. (J_dᵀJ_d/(f s²) + J_pᵀJ_p)⁻¹:
    /// through the SVD of A with unit-norm columns, whose singular values measure identifiability independently of units.
    /// </summary>
    private static ParameterCovariance Build(double[,] jacobian, double[] residuals, int priorRows, double s2, double rho, double f)
    {
        var rows = jacobian.GetLength(0);
        var m = rows - priorRows;
        var n = jacobian.GetLength(1);
        var priorWeight = Math.Sqrt(f * s2);
        double A(int k, int j) => k < m ? jacobian[k, j] : priorWeight * jacobian[k, j];
        var scale = new double[n];
        for (var j = 0; j < n; j++)
        {
            var s = 0.0;
            for (var k = 0; k < rows; k++)
            {
                s += A(k, j) * A(k, j);
            }

            scale[j] = s > 0 ? Math.Sqrt(s) : 1.0;
        }

        var scaled = Matrix<double>.Build.Dense(rows, n, (k, j) => A(k, j) / scale[j]);
        var svd = scaled.Svd(computeVectors: true);
        var sv = svd.S.ToArray();
        var v = svd.VT.Transpose();
        var largest = sv.Length > 0 && sv[0] > 0 ? sv[0] : 1.0;

        // Cov(u) = f s² D⁻¹ V S⁻² Vᵀ D⁻¹ (directions with a zero singular value have no finite variance: left out and reported)
        var cov = Congruence(Matrix<double>.Build.Dense(n, n, (i, q) => v[i, q] / scale[i]), [.. sv.Select(x => x > 1e-14 * largest ? f * s2 / (x * x) : 0)]);
        var (sigma, corr) = SigmaAndCorrelation(cov);

        return new ParameterCovariance
        {
            Covariance = cov,
            Correlation = corr,
            SigmaFit = sigma,
            LinearisedSigmaFit = sigma,
            NormalisedSingularValues = [.. sv.Select(x => x / largest)],
            SingularVectors = v.ToArray(),
            ResidualVariance = s2,
            ResidualCount = m,
            ResidualAutocorrelation = rho,
            VarianceInflation = f,
            PriorRows = priorRows,
            SourceJacobian = priorRows > 0 ? jacobian : null,
            SourceResiduals = priorRows > 0 ? residuals : null,
        };
    }

    /// <summary>Rows of Gaussian priors at the end of the Jacobian (0: least squares on the data alone).</summary>
    public int PriorRows { get; init; }

    // kept with priors only: the inflation for correlated residuals must act on the data's rows alone
    private double[,]? SourceJacobian { get; init; }

    private double[]? SourceResiduals { get; init; }

    /// <summary>
    /// Variance factor applied along each principal axis (<see cref="PrincipalAxes"/>) by <see cref="Widened"/>;
    /// empty for the plain linearised covariance.
    /// </summary>
    public double[] AxisWidening { get; init; } = [];

    /// <summary>The principal axes (columns) <see cref="AxisWidening"/> applies to: those of the covariance before widening.</summary>
    public double[,] WidenedAxes { get; init; } = new double[0, 0];

    /// <summary>σ of each fit coordinate before <see cref="Widened"/> (the plain linearised one).</summary>
    public double[] LinearisedSigmaFit { get => linearisedSigmaFit ?? SigmaFit; init => linearisedSigmaFit = value; }

    private readonly double[]? linearisedSigmaFit;

    /// <summary>
    /// Principal axes of the uncertainty in σ-scaled coordinates: eigenvalues μ (ascending) and eigenvectors w (columns)
    /// of the correlation matrix. In fit coordinates axis k is the direction σ ∘ w_k, and ±√μ_k along it is one σ.
    /// </summary>
    public (double[] Eigenvalues, double[,] Vectors) PrincipalAxes()
    {
        var evd = Matrix<double>.Build.DenseOfArray(Correlation).Evd(Symmetricity.Symmetric);
        return ([.. evd.EigenValues.Select(e => Math.Max(e.Real, 0))], evd.EigenVectors.ToArray());
    }

    /// <summary>
    /// The covariance with the variance along principal axis k multiplied by <paramref name="factors"/>[k]
    /// (Cov' = D W diag(μ ∘ f) Wᵀ D, D = diag σ); correlation and σ follow, the Jacobian's singular values and the
    /// residual statistics stay.
    /// </summary>
    public ParameterCovariance Widened(double[] factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var n = SigmaFit.Length;
        if (factors.Length != n)
        {
            throw new ArgumentException($"{factors.Length} axis factors for {n} parameters", nameof(factors));
        }

        var (mu, w) = PrincipalAxes();
        var cov = Congruence(Matrix<double>.Build.Dense(n, n, (i, k) => SigmaFit[i] * w[i, k]), [.. mu.Select((x, k) => x * factors[k])]);
        var (sigma, corr) = SigmaAndCorrelation(cov);

        return this with { Covariance = cov, Correlation = corr, SigmaFit = sigma, AxisWidening = (double[])factors.Clone(), WidenedAxes = w, LinearisedSigmaFit = LinearisedSigmaFit };
    }

    /// <summary>Pairs (i, j, ρ) with |ρ| above <see cref="CorrelationThreshold"/>.</summary>
    public IEnumerable<(int I, int J, double Rho)> StrongCorrelations()
    {
        var n = SigmaFit.Length;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (Math.Abs(Correlation[i, j]) > CorrelationThreshold)
                {
                    yield return (i, j, Correlation[i, j]);
                }
            }
        }
    }

    /// <summary>Plain-language identifiability notes: strong correlations, weak singular directions, wide intervals, bounds.</summary>
    public string IdentifiabilityNotes(IReadOnlyList<CalibrationParameter> parameters, IReadOnlyList<bool>? atBound = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var w = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var condition = NormalisedSingularValues[^1] > 0 ? 1 / NormalisedSingularValues[^1] : double.PositiveInfinity;
        w.AppendLine(string.Create(inv, $"Condition number of the column-scaled Jacobian: {condition:G3} (singular values relative to the largest: {string.Join(", ", NormalisedSingularValues.Select(x => x.ToString("G2", inv)))})."));
        var any = false;
        foreach (var (i, j, rho) in StrongCorrelations())
        {
            any = true;
            w.AppendLine(string.Create(inv, $"Correlated (ρ = {rho:F3}): '{parameters[i].Label}' and '{parameters[j].Label}' — the data fix a combination of the two better than either."));
        }

        for (var q = 0; q < NormalisedSingularValues.Length; q++)
        {
            if (NormalisedSingularValues[q] >= SingularValueThreshold)
            {
                continue;
            }

            any = true;
            var parts = Enumerable.Range(0, SigmaFit.Length)
                .Where(i => Math.Abs(SingularVectors[i, q]) > 0.3)
                .Select(i => string.Create(inv, $"{SingularVectors[i, q]:+0.00;-0.00} × '{parameters[i].Label}'"));
            w.AppendLine(string.Create(inv, $"Poorly determined direction (singular value {NormalisedSingularValues[q]:G2} of the largest): {string.Join(" ", parts)}."));
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Scale == FitScale.Log && SigmaFit[i] > 0.5)
            {
                any = true;
                w.AppendLine(string.Create(inv, $"Wide: '{p.Label}' is known only to a factor of {Math.Exp(2 * SigmaFit[i]):G3} (2σ)."));
            }

            if (atBound is not null && atBound[i])
            {
                any = true;
                w.AppendLine($"At a bound: '{p.Label}' ended on its bound; its interval is not meaningful (the data push it further).");
            }
        }

        if (AxisWidening.Any(f => f > 1))
        {
            any = true;
            var axes = WidenedAxes;
            var widest = Array.IndexOf(AxisWidening, AxisWidening.Max());
            var parts = Enumerable.Range(0, SigmaFit.Length).OrderByDescending(i => Math.Abs(axes[i, widest])).Take(3)
                .Select(i => string.Create(inv, $"{axes[i, widest]:+0.00;-0.00} × '{parameters[i].Label}'"));
            w.AppendLine(string.Create(inv,
                $"Curvature: along {AxisWidening.Count(f => f > 1)} of {AxisWidening.Length} principal axes the cost at ±2σ rises slower than the linearised model predicts; their variance is widened, most (×{AxisWidening.Max():G3}) along {string.Join(" ", parts)}."));
        }

        if (!any)
        {
            w.AppendLine("No correlation above 0.95 and no singular value below 1e-3 of the largest: every fitted parameter is identifiable from these data.");
        }

        if (PriorRows > 0)
        {
            w.AppendLine(string.Create(inv, $"Priors: {PriorRows} of the {SigmaFit.Length} parameters carry a literature prior (maximum a posteriori; each with its source in the provenance); the covariance is the linearised posterior, the priors' σ not rescaled by the data's."));
        }

        w.AppendLine(VarianceInflation > 1
            ? string.Create(inv,
                $"Residual lag-1 autocorrelation {ResidualAutocorrelation:F2}: neighbouring residuals are alike (model error, not independent noise), so only about {ResidualCount / VarianceInflation:F0} of the {ResidualCount} residuals count as independent; the covariance is multiplied by (1 + ρ)/(1 − ρ) = {VarianceInflation:G3} (σ ×{Math.Sqrt(VarianceInflation):F1}).")
            : string.Create(inv,
                $"Residual lag-1 autocorrelation {ResidualAutocorrelation:F2}: {(AutocorrelationInflation > 1.05 ? $"σ as stated assumes independent residuals and may be too small by about ×{AutocorrelationInflation:F1}" : "consistent with independent residuals")}."));
        return w.ToString();
    }

    /// <summary>B diag(d) Bᵀ, exactly symmetric (its lower triangle mirrored).</summary>
    private static double[,] Congruence(Matrix<double> b, double[] d)
    {
        var product = (b * Matrix<double>.Build.DiagonalOfDiagonalArray(d)).TransposeAndMultiply(b);
        var n = product.RowCount;
        var result = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                result[i, j] = result[j, i] = product[i, j];
            }
        }

        return result;
    }

    private static (double[] Sigma, double[,] Correlation) SigmaAndCorrelation(double[,] cov)
    {
        var n = cov.GetLength(0);
        var sigma = new double[n];
        for (var i = 0; i < n; i++)
        {
            sigma[i] = Math.Sqrt(Math.Max(cov[i, i], 0));
        }

        var corr = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                corr[i, j] = sigma[i] > 0 && sigma[j] > 0 ? cov[i, j] / (sigma[i] * sigma[j]) : (i == j ? 1 : 0);
            }
        }

        return (sigma, corr);
    }

    private static double LagOneAutocorrelation(double[] r, IReadOnlyList<int> blocks)
    {
        double num = 0, den = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var from = blocks[b];
            var to = b + 1 < blocks.Count ? blocks[b + 1] : r.Length;
            if (to - from < 3)
            {
                continue;
            }

            var mean = 0.0;
            for (var k = from; k < to; k++)
            {
                mean += r[k];
            }

            mean /= to - from;
            for (var k = from; k < to; k++)
            {
                den += (r[k] - mean) * (r[k] - mean);
                if (k + 1 < to)
                {
                    num += (r[k] - mean) * (r[k + 1] - mean);
                }
            }
        }

        return den > 0 ? num / den : 0;
    }
}
