using MathNet.Numerics.LinearAlgebra;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Finishes a Levenberg–Marquardt fit with undamped Gauss–Newton steps. LM's stopping rule — two steps in a row that
/// gain less than a fraction of the cost — can stop in a long, flat valley while the optimum is still several σ away
/// along it; the linearised intervals describe the optimum, so a fit must end there for them to be honest.
/// Differences are taken over about one σ of each parameter (at most the optimiser's step), so the Jacobian is
/// local: forward differences for the steps — Broyden-updated from one step to the next while each step gains at
/// least a quarter of the decrease it predicted, fresh otherwise and before the polish may stop — and central ones at
/// the end (the Jacobian the covariance needs, and the convergence test). A step is taken only while it is predicted to move the point by more than a tenth of σ
/// (predicted decrease above ½·0.1²·s²), halved until the cost falls and, where the valley bends too sharply for
/// that, replaced by damped steps; parameters on a bound that the step would push out are held.
/// </summary>
public static class GaussNewtonPolish
{
    /// <summary>Predicted decrease below this many residual variances ends the polish (a move of about 0.1 σ).</summary>
    public const double StopDecrease = 0.005;

    /// <summary>
    /// The polished fit: point, residuals and central Jacobian there, steps taken, replays spent, whether it is at
    /// the optimum — the next step predicted on that central Jacobian moves less than about 0.1 σ, or no trial step
    /// (fractions of the Gauss–Newton step down to 1/8, damped steps) lowered the cost — and why it stopped.
    /// </summary>
    public sealed record Outcome(double[] Point, double[] Residuals, double[,] Jacobian, int Steps, int Evaluations, bool AtOptimum, string Stop);

    /// <param name="progress">After each step taken: steps so far, cost, point, replays spent.</param>
    /// <param name="startJacobian">A fresh finite-difference Jacobian at or near <paramref name="point"/> (within
    /// a few σ), to size the difference steps; null computes a forward one with <paramref name="steps"/> (an optimiser's Broyden-updated
    /// Jacobian is not good enough: it sized the steps so badly that the polish stalled several σ short).</param>
    public static Outcome Run(
        CalibrationProblem problem,
        double[] point,
        double[] residuals,
        double[] steps,
        double[] lower,
        double[] upper,
        int maxSteps,
        double[,]? startJacobian = null,
        CancellationToken cancellation = default,
        Action<int, double, double[], int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(residuals);
        var n = point.Length;
        var u = (double[])point.Clone();
        var r = residuals;
        var evaluations = 0;
        if (startJacobian is null)
        {
            startJacobian = ForwardJacobian(problem, u, r, steps, lower, upper, cancellation);
            evaluations += n;
        }

        // difference steps no larger than each parameter's own σ: a 1 % step spans tens of σ of a capacity
        // parameter, across the nonlinear end-of-discharge knee, and the secant it measures halves that σ
        var local = LocalSteps(startJacobian, r, steps);
        var taken = 0;
        var stop = maxSteps == 0 ? "no steps asked for" : $"{maxSteps} steps taken";
        var stalled = false;
        double[,]? forward = null; // the Jacobian the steps use: fresh forward differences, or those Broyden-updated
        var fresh = false;
        while (taken < maxSteps)
        {
            if (forward is null)
            {
                forward = ForwardJacobian(problem, u, r, local, lower, upper, cancellation);
                evaluations += n;
                fresh = true;
            }

            var delta = Step(forward, r, u, lower, upper);
            if (!(PredictedDecrease(forward, delta) > StopDecrease * ResidualVariance(r, n)))
            {
                if (!fresh)
                {
                    forward = null; // only a fresh Jacobian may say the fit is done
                    continue;
                }

                stop = "next step predicted below 0.1 σ";
                break;
            }

            var cost = 0.5 * SumOfSquares(r);
            double[]? accepted = null;
            double[]? acceptedResiduals = null;
            // the Gauss–Newton step and fractions of it; where the valley bends too sharply for that, Levenberg–
            // Marquardt steps on the same Jacobian, damped more and more towards the scaled gradient
            var trials = new List<double[]> { delta, Scaled(delta, 0.5), Scaled(delta, 0.25), Scaled(delta, 0.125) };
            trials.AddRange(new[] { 1e-4, 1e-3, 1e-2, 1e-1 }.Select(lambda => Step(forward, r, u, lower, upper, lambda)));
            foreach (var d in trials)
            {
                var trial = u.Select((v, i) => Math.Clamp(v + d[i], lower[i], upper[i])).ToArray();
                var rt = problem.Evaluate([trial], cancellation)[0];
                evaluations++;
                if (0.5 * SumOfSquares(rt) < cost)
                {
                    (accepted, acceptedResiduals) = (trial, rt);
                    break;
                }
            }

            if (accepted is null)
            {
                if (!fresh)
                {
                    forward = null;
                    continue;
                }

                stop = "no trial step lowered the cost";
                stalled = true;
                break;
            }

            // the next step reuses this Jacobian, Broyden-updated with the step just taken, while the steps keep at
            // least a quarter of the decrease it predicted; otherwise fresh differences
            var step = accepted.Select((v, i) => v - u[i]).ToArray();
            var gained = cost - 0.5 * SumOfSquares(acceptedResiduals!);
            forward = gained >= MinimumGainRatio * ModelDecrease(forward, r, step)
                ? BroydenUpdated(forward, step, acceptedResiduals!, r, local)
                : null;
            fresh = false;
            (u, r) = (accepted, acceptedResiduals!);
            taken++;
            progress?.Invoke(taken, 0.5 * SumOfSquares(r), u, evaluations);
        }

        var jacobian = Calibrator.CentralJacobian(problem, u, local, lower, upper, cancellation);
        evaluations += 2 * n + 1;
        var small = !(PredictedDecrease(jacobian, Step(jacobian, r, u, lower, upper)) > StopDecrease * ResidualVariance(r, n));
        var atOptimum = small || stalled;
        return new Outcome(u, r, jacobian, taken, evaluations, atOptimum, small ? "next step predicted below 0.1 σ" : stop);
    }

    /// <summary>The optimiser's forward differences (backward at an upper bound), as one parallel batch of replays.</summary>
    private static double[,] ForwardJacobian(CalibrationProblem problem, double[] u, double[] r, double[] steps, double[] lower, double[] upper, CancellationToken cancellation) =>
        LevenbergMarquardt.Jacobian((points, ct) => problem.Evaluate(points, ct), u, r, lower, upper, steps, cancellation);

    /// <summary>
    /// s² = ‖r‖²/(m − n), as if the residuals were independent: the optimum is located to a tenth of that σ even where
    /// correlated residuals widen the reported intervals, so that the best-fit values do not depend on the inflation.
    /// </summary>
    private static double ResidualVariance(double[] r, int n) => SumOfSquares(r) / Math.Max(1, r.Length - n);

    /// <summary>A Broyden-updated Jacobian is kept while a step gains at least this fraction of what it predicted.</summary>
    public const double MinimumGainRatio = 0.25;

    /// <summary>½‖r‖² − ½‖r + J δ‖²: the decrease the linearised model predicts for the step δ from residuals r.</summary>
    private static double ModelDecrease(double[,] jacobian, double[] r, double[] delta)
    {
        var jd = Multiply(jacobian, delta);
        return 0.5 * (SumOfSquares(r) - SumOfSquares([.. jd.Select((v, k) => r[k] + v)]));
    }

    /// <summary>
    /// Broyden's rank-one update J + (Δr − J Δu) (Λ⁻² Δu)ᵀ / ‖Λ⁻¹ Δu‖², Λ the difference steps: the Jacobian then
    /// reproduces the residual change of the step just taken, and changes least in the coordinates scaled by Λ.
    /// </summary>
    public static double[,] BroydenUpdated(double[,] jacobian, double[] step, double[] residualsAfter, double[] residualsBefore, double[] scale)
    {
        var updated = (double[,])jacobian.Clone();
        var weights = step.Select((d, i) => d / (scale[i] * scale[i])).ToArray();
        var norm = step.Select((d, i) => d * weights[i]).Sum();
        if (!(norm > 0))
        {
            return updated;
        }

        var predicted = Multiply(jacobian, step);
        for (var k = 0; k < predicted.Length; k++)
        {
            var miss = (residualsAfter[k] - residualsBefore[k] - predicted[k]) / norm;
            for (var i = 0; i < step.Length; i++)
            {
                updated[k, i] += miss * weights[i];
            }
        }

        return updated;
    }

    /// <summary>½‖J δ‖²: the cost decrease (or, away from the optimum, rise) the linearised model predicts for a step δ.</summary>
    internal static double PredictedDecrease(double[,] jacobian, double[] delta) => 0.5 * SumOfSquares(Multiply(jacobian, delta));

    /// <summary>Each parameter's step clamped to [step/100, step] around its linearised σ (fit coordinates).</summary>
    public static double[] LocalSteps(double[,] jacobian, double[] residuals, double[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var sigma = ParameterCovariance.Compute(jacobian, residuals, [0]).SigmaFit;
        return [.. steps.Select((h, i) => double.IsFinite(sigma[i]) && sigma[i] > 0 ? Math.Clamp(sigma[i], h / 100, h) : h)];
    }

    private static double[] Scaled(double[] v, double factor) => [.. v.Select(x => x * factor)];

    /// <summary>
    /// The step min ‖J δ + r‖² + λ s₁² ‖D δ‖² over the parameters free to move (column-scaled SVD; D the column norms,
    /// s₁ the largest singular value of the column-scaled J; λ = 0 is Gauss–Newton).
    /// </summary>
    private static double[] Step(double[,] jacobian, double[] r, double[] u, double[] lower, double[] upper, double lambda = 0)
    {
        var n = u.Length;
        var free = Enumerable.Range(0, n).ToList();
        for (var pass = 0; pass < 2; pass++)
        {
            var delta = Solve(jacobian, r, free, n, lambda);
            var held = free.Where(i => (u[i] <= lower[i] && delta[i] < 0) || (u[i] >= upper[i] && delta[i] > 0)).ToList();
            if (held.Count == 0 || pass == 1)
            {
                return delta;
            }

            free = [.. free.Except(held)];
        }

        return new double[n];
    }

    private static double[] Solve(double[,] jacobian, double[] r, List<int> free, int n, double lambda)
    {
        var m = r.Length;
        var delta = new double[n];
        if (free.Count == 0)
        {
            return delta;
        }

        var scale = free.Select(j =>
        {
            var s = 0.0;
            for (var k = 0; k < m; k++)
            {
                s += jacobian[k, j] * jacobian[k, j];
            }

            return s > 0 ? Math.Sqrt(s) : 1.0;
        }).ToArray();
        var a = Matrix<double>.Build.Dense(m, free.Count, (k, c) => jacobian[k, free[c]] / scale[c]);
        var svd = a.Svd(computeVectors: true);
        var largest = svd.S.Count > 0 ? svd.S[0] : 0;
        var b = Vector<double>.Build.Dense(m, k => -r[k]);
        var utb = svd.U.TransposeThisAndMultiply(b);
        var y = Vector<double>.Build.Dense(free.Count);
        for (var q = 0; q < svd.S.Count; q++)
        {
            if (svd.S[q] > 1e-10 * largest)
            {
                y[q] = utb[q] * svd.S[q] / (svd.S[q] * svd.S[q] + lambda * largest * largest);
            }
        }

        var x = svd.VT.TransposeThisAndMultiply(y);
        for (var c = 0; c < free.Count; c++)
        {
            delta[free[c]] = x[c] / scale[c];
        }

        return delta;
    }

    private static double[] Multiply(double[,] jacobian, double[] delta)
    {
        var m = jacobian.GetLength(0);
        var result = new double[m];
        for (var k = 0; k < m; k++)
        {
            var s = 0.0;
            for (var j = 0; j < delta.Length; j++)
            {
                s += jacobian[k, j] * delta[j];
            }

            result[k] = s;
        }

        return result;
    }

    internal static double SumOfSquares(double[] v) => v.Sum(x => x * x);
}
