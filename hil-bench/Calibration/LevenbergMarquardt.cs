using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Evaluates the residual vector r(u) at several points at once (the caller spreads the work over cores).
/// Every returned vector has the same length; non-finite entries are not allowed (a failed simulation must
/// return a large finite penalty instead).
/// </summary>
public delegate double[][] BatchResiduals(IReadOnlyList<double[]> points, CancellationToken cancellation);

/// <summary>Settings of <see cref="LevenbergMarquardt"/>.</summary>
public sealed record LevenbergMarquardtOptions
{
    /// <summary>Iterations (accepted or rejected trial steps) at most.</summary>
    public int MaxIterations { get; init; } = 60;

    /// <summary>
    /// Converged when two accepted steps in a row decrease the cost by less than this fraction — below that, the
    /// adaptive integrator's own noise in the residual (a few 1e-6 V) hides further progress.
    /// </summary>
    public double CostTolerance { get; init; } = 1e-4;

    /// <summary>Converged when the step is below this (fit coordinates, ∞-norm) with a fresh Jacobian.</summary>
    public double StepTolerance { get; init; } = 1e-4;

    /// <summary>Converged when the projected gradient of the cost, scaled by the Jacobian's column norms, is below this (∞-norm, relative to the cost).</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>Forward-difference step in the fit coordinate: this for log-scale parameters, this × (upper − lower) for linear ones.</summary>
    public double FiniteDifferenceStep { get; init; } = 1e-3;

    /// <summary>After this many accepted steps with Broyden-updated Jacobians a fresh finite-difference Jacobian is computed (0: every step).</summary>
    public int BroydenSteps { get; init; } = 2;

    /// <summary>Initial damping μ of (JᵀJ + μ diag(JᵀJ)) δ = −Jᵀr (dimensionless, Marquardt's scaling).</summary>
    public double InitialDamping { get; init; } = 1e-3;
}

/// <summary>Progress after each iteration.</summary>
public sealed record LevenbergMarquardtProgress(int Iteration, double Cost, double[] Point, double Damping, int Evaluations, bool Accepted, bool FreshJacobian);

/// <summary>Outcome of a least-squares minimisation.</summary>
public sealed record LevenbergMarquardtResult(
    double[] Point,
    double[] Residuals,
    double[,] Jacobian,
    double Cost,
    double InitialCost,
    bool Converged,
    string Reason,
    int Iterations,
    int Evaluations,
    bool[] AtBound);

/// <summary>
/// A bound-constrained Levenberg–Marquardt least-squares minimiser (trust region by damping, Marquardt's diagonal
/// scaling, Nielsen's damping update) for expensive residuals: forward-difference Jacobians evaluated as one
/// parallel batch, Broyden rank-one updates between them, and a fresh Jacobian before any convergence decision or
/// damping increase. Bounds are kept by projecting the trial point onto the box. Cost = ½‖r‖².
/// </summary>
public sealed class LevenbergMarquardt(LevenbergMarquardtOptions? options = null)
{
    public LevenbergMarquardtOptions Options { get; } = options ?? new LevenbergMarquardtOptions();

    /// <summary>Forward-difference steps for each coordinate (log: h; linear: h × range).</summary>
    public static double[] FiniteDifferenceSteps(IReadOnlyList<CalibrationParameter> parameters, double step) =>
        [.. parameters.Select(p => p.Scale == Cells.FitScale.Log ? step : step * (p.Upper - p.Lower))];

    public LevenbergMarquardtResult Minimise(
        BatchResiduals residuals,
        double[] start,
        double[] lower,
        double[] upper,
        double[] differenceSteps,
        Action<LevenbergMarquardtProgress>? progress = null,
        CancellationToken cancellation = default,
        bool finalJacobian = true)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(start);
        var n = start.Length;
        var o = Options;
        var u = Project(start, lower, upper);
        var evaluations = 1;
        var r = residuals([u], cancellation)[0];
        var m = r.Length;
        var cost = 0.5 * Dot(r, r);
        var initialCost = cost;
        var jac = Jacobian(residuals, u, r, lower, upper, differenceSteps, cancellation);
        evaluations += n;
        var fresh = true;
        var sinceFresh = 0;
        double mu = -1, nu = 2;
        var converged = false;
        var reason = "iteration limit reached";
        var iteration = 0;
        var smallSteps = 0;
        for (; iteration < o.MaxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (a, g) = Normal(jac, r, n, m);
            if (mu < 0)
            {
                mu = o.InitialDamping;
            }

            // projected gradient: components pushing out of an active bound do not count
            var gradientNorm = 0.0;
            for (var i = 0; i < n; i++)
            {
                var active = (u[i] <= lower[i] && g[i] > 0) || (u[i] >= upper[i] && g[i] < 0);
                if (!active)
                {
                    gradientNorm = Math.Max(gradientNorm, Math.Abs(g[i]) / Math.Sqrt(Math.Max(a[i, i], 1e-300)));
                }
            }

            if (fresh && gradientNorm <= o.GradientTolerance * Math.Sqrt(2 * cost + 1e-300))
            {
                converged = true;
                reason = "gradient below tolerance";
                break;
            }

            var step = SolveDamped(a, g, mu, n, u, lower, upper);
            var trial = Project([.. u.Select((v, i) => v + step[i])], lower, upper);
            var taken = trial.Select((v, i) => v - u[i]).ToArray();
            var stepNorm = taken.Max(Math.Abs);
            var predicted = Predicted(a, g, taken, n);
            var rTrial = residuals([trial], cancellation)[0];
            evaluations++;
            var costTrial = 0.5 * Dot(rTrial, rTrial);
            var rho = predicted > 0 ? (cost - costTrial) / predicted : -1;
            var accepted = costTrial < cost && rho > 1e-4;
            if (accepted)
            {
                var relative = (cost - costTrial) / Math.Max(cost, 1e-300);
                var relativePredicted = predicted / Math.Max(cost, 1e-300);
                var wasFresh = fresh;
                BroydenUpdate(jac, r, rTrial, taken, n, m);
                u = trial;
                r = rTrial;
                cost = costTrial;
                mu *= Math.Max(1.0 / 3, 1 - Math.Pow(2 * rho - 1, 3));
                nu = 2;
                fresh = false;
                sinceFresh++;
                smallSteps = relative < o.CostTolerance ? smallSteps + 1 : 0;
                if (smallSteps >= 2 || (wasFresh && ((relative < o.CostTolerance && relativePredicted < o.CostTolerance) || (stepNorm < o.StepTolerance && mu < 1e-2))))
                {
                    converged = true;
                    reason = stepNorm < o.StepTolerance && mu < 1e-2 ? "step below tolerance" : "relative cost decrease below tolerance";
                    progress?.Invoke(new LevenbergMarquardtProgress(iteration + 1, cost, u, mu, evaluations, true, false));
                    iteration++;
                    break;
                }

                if (sinceFresh > o.BroydenSteps)
                {
                    jac = Jacobian(residuals, u, r, lower, upper, differenceSteps, cancellation);
                    evaluations += n;
                    fresh = true;
                    sinceFresh = 0;
                }
            }
            else if (!fresh)
            {
                // an updated Jacobian may be the reason: refresh it before damping harder
                jac = Jacobian(residuals, u, r, lower, upper, differenceSteps, cancellation);
                evaluations += n;
                fresh = true;
                sinceFresh = 0;
            }
            else
            {
                if (stepNorm < o.StepTolerance * 1e-2 || mu > 1e20)
                {
                    converged = true;
                    reason = "no decrease possible: step negligible at the current damping";
                    break;
                }

                // a rejected step on a fresh Jacobian that promised less than the tolerance: nothing left to gain
                if (predicted / Math.Max(cost, 1e-300) < o.CostTolerance)
                {
                    converged = true;
                    reason = "predicted cost decrease below tolerance";
                    progress?.Invoke(new LevenbergMarquardtProgress(iteration + 1, cost, u, mu, evaluations, false, true));
                    iteration++;
                    break;
                }

                mu *= nu;
                nu *= 2;
            }

            progress?.Invoke(new LevenbergMarquardtProgress(iteration + 1, cost, u, mu, evaluations, accepted, fresh));
        }

        if (!fresh && finalJacobian)
        {
            jac = Jacobian(residuals, u, r, lower, upper, differenceSteps, cancellation);
            evaluations += n;
        }

        var atBound = u.Select((v, i) => v <= lower[i] || v >= upper[i]).ToArray();
        return new LevenbergMarquardtResult(u, r, jac, cost, initialCost, converged, reason, iteration, evaluations, atBound);
    }

    /// <summary>Forward differences (backward at an upper bound), all columns as one batch.</summary>
    public static double[,] Jacobian(
        BatchResiduals residuals, double[] u, double[] r, double[] lower, double[] upper, double[] steps, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        var n = u.Length;
        var points = new double[n][];
        var h = new double[n];
        for (var i = 0; i < n; i++)
        {
            h[i] = u[i] + steps[i] <= upper[i] ? steps[i] : -steps[i];
            points[i] = (double[])u.Clone();
            points[i][i] += h[i];
        }

        var columns = residuals(points, cancellation);
        var m = r.Length;
        var jac = new double[m, n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < m; k++)
            {
                jac[k, i] = (columns[i][k] - r[k]) / h[i];
            }
        }

        return jac;
    }

    private static double[] Project(double[] u, double[] lower, double[] upper) =>
        [.. u.Select((v, i) => Math.Clamp(v, lower[i], upper[i]))];

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static (double[,] A, double[] G) Normal(double[,] jac, double[] r, int n, int m)
    {
        var a = new double[n, n];
        var g = new double[n];
        for (var k = 0; k < m; k++)
        {
            for (var i = 0; i < n; i++)
            {
                var ji = jac[k, i];
                if (ji == 0)
                {
                    continue;
                }

                g[i] += ji * r[k];
                for (var j = 0; j <= i; j++)
                {
                    a[i, j] += ji * jac[k, j];
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                a[j, i] = a[i, j];
            }
        }

        return (a, g);
    }

    /// <summary>(A + μ diag(A)) δ = −g, with coordinates at an active bound (gradient pushing out) held fixed.</summary>
    private static double[] SolveDamped(double[,] a, double[] g, double mu, int n, double[] u, double[] lower, double[] upper)
    {
        var free = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var active = (u[i] <= lower[i] && g[i] > 0) || (u[i] >= upper[i] && g[i] < 0);
            if (!active)
            {
                free.Add(i);
            }
        }

        var step = new double[n];
        var f = free.Count;
        if (f == 0)
        {
            return step;
        }

        var maxDiag = free.Max(i => a[i, i]);
        var damped = Matrix<double>.Build.Dense(f, f, (p, q) =>
            p == q ? a[free[p], free[p]] + mu * Math.Max(a[free[p], free[p]], 1e-12 * maxDiag + 1e-300) : a[free[p], free[q]]);
        var x = SolveNormalEquations(damped, Vector<double>.Build.Dense(f, p => -g[free[p]]));
        for (var p = 0; p < f; p++)
        {
            step[free[p]] = x[p];
        }

        return step;
    }

    /// <summary>
    /// LU with partial pivoting: the factorisation the hand-written elimination here always was (the same result to the
    /// bit with one or two free parameters, the same to rounding with more). The damped normal equations are symmetric
    /// positive definite, so Cholesky would be the textbook choice, but it moves a fit's end point in the last bits,
    /// and with it forward-difference quantities that sit within 1e-10 of a threshold (a quadratic cost's probe
    /// curvature, 1, against the probes' "flatter than linearised", κ &lt; 1) across that threshold. An exactly zero
    /// pivot is an error.
    /// </summary>
    private static Vector<double> SolveNormalEquations(Matrix<double> m, Vector<double> b)
    {
        var lu = m.LU();
        var pivots = lu.U.Diagonal();
        for (var c = 0; c < pivots.Count; c++)
        {
            if (pivots[c] == 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"singular damped normal equations at column {c}"));
            }
        }

        return lu.Solve(b);
    }

    /// <summary>Decrease of the Gauss–Newton model: −(gᵀδ + ½ δᵀAδ).</summary>
    private static double Predicted(double[,] a, double[] g, double[] step, int n)
    {
        var lin = 0.0;
        var quad = 0.0;
        for (var i = 0; i < n; i++)
        {
            lin += g[i] * step[i];
            for (var j = 0; j < n; j++)
            {
                quad += step[i] * a[i, j] * step[j];
            }
        }

        return -(lin + 0.5 * quad);
    }

    /// <summary>J += (r_new − r − J δ) δᵀ / δᵀδ.</summary>
    private static void BroydenUpdate(double[,] jac, double[] r, double[] rNew, double[] step, int n, int m)
    {
        var ss = 0.0;
        for (var i = 0; i < n; i++)
        {
            ss += step[i] * step[i];
        }

        if (!(ss > 0))
        {
            return;
        }

        for (var k = 0; k < m; k++)
        {
            var jd = 0.0;
            for (var i = 0; i < n; i++)
            {
                jd += jac[k, i] * step[i];
            }

            var y = (rNew[k] - r[k] - jd) / ss;
            if (y == 0)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                jac[k, i] += y * step[i];
            }
        }
    }
}
