using MathNet.Numerics.LinearAlgebra;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Finishes a Levenberg–Marquardt fit with undamped Gauss–Newton steps on central-difference Jacobians (the ones
/// the covariance needs anyway). LM's stopping rule — two steps in a row that gain less than a fraction of the cost —
/// can stop in a long, flat valley while the optimum is still several σ away along it; the linearised intervals
/// describe the optimum, so a fit must end there for them to be honest. Central differences use steps of about one σ
/// of each parameter (at most the optimiser's), so the Jacobian is local. A step is taken only while it is predicted
/// to move the point by more than a tenth of σ (predicted decrease above ½·0.1²·s²), halved until the cost falls,
/// and parameters on a bound that the step would push out are held.
/// </summary>
public static class GaussNewtonPolish
{
    /// <summary>Predicted decrease below this many residual variances ends the polish (a move of about 0.1 σ).</summary>
    public const double StopDecrease = 0.005;

    /// <summary>
    /// The polished fit: point, residuals and central Jacobian there, steps taken, replays spent, and whether it ended
    /// because the next step was predicted to move less than about 0.1 σ (a convergence test on a fresh Jacobian).
    /// </summary>
    public sealed record Outcome(double[] Point, double[] Residuals, double[,] Jacobian, int Steps, int Evaluations, bool AtOptimum);

    public static Outcome Run(
        CalibrationProblem problem,
        double[] point,
        double[] residuals,
        double[] steps,
        double[] lower,
        double[] upper,
        int maxSteps,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(residuals);
        var n = point.Length;
        var u = (double[])point.Clone();
        var r = residuals;
        // difference steps no larger than each parameter's own σ: a 1 % step spans tens of σ of a capacity
        // parameter, across the nonlinear end-of-discharge knee, and the secant it measures halves that σ
        var jacobian = Calibrator.CentralJacobian(problem, u, steps, lower, upper, cancellation);
        var evaluations = 2 * n;
        var local = LocalSteps(jacobian, r, steps);
        if (local.Where((h, i) => h < 0.5 * steps[i]).Any())
        {
            jacobian = Calibrator.CentralJacobian(problem, u, local, lower, upper, cancellation);
            evaluations += 2 * n;
        }

        var taken = 0;
        var atOptimum = false;
        for (var k = 0; k <= maxSteps; k++)
        {
            var m = r.Length;
            var s2 = SumOfSquares(r) / Math.Max(1, m - n);
            var delta = Step(jacobian, r, u, lower, upper);
            var predicted = 0.5 * SumOfSquares(Multiply(jacobian, delta));
            if (!(predicted > StopDecrease * s2))
            {
                atOptimum = true;
                break;
            }

            if (k == maxSteps)
            {
                break;
            }

            var cost = 0.5 * SumOfSquares(r);
            double[]? accepted = null;
            double[]? acceptedResiduals = null;
            for (var t = 1.0; t >= 0.125 && accepted is null; t *= 0.5)
            {
                var trial = u.Select((v, i) => Math.Clamp(v + t * delta[i], lower[i], upper[i])).ToArray();
                var rt = problem.Evaluate([trial], cancellation)[0];
                evaluations++;
                if (0.5 * SumOfSquares(rt) < cost)
                {
                    (accepted, acceptedResiduals) = (trial, rt);
                }
            }

            if (accepted is null)
            {
                break;
            }

            (u, r) = (accepted, acceptedResiduals!);
            jacobian = Calibrator.CentralJacobian(problem, u, local, lower, upper, cancellation);
            evaluations += 2 * n;
            taken++;
        }

        return new Outcome(u, r, jacobian, taken, evaluations, atOptimum);
    }

    /// <summary>Each parameter's step clamped to [step/100, step] around its linearised σ (fit coordinates).</summary>
    public static double[] LocalSteps(double[,] jacobian, double[] residuals, double[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var sigma = ParameterCovariance.Compute(jacobian, residuals, [0]).SigmaFit;
        return [.. steps.Select((h, i) => double.IsFinite(sigma[i]) && sigma[i] > 0 ? Math.Clamp(sigma[i], h / 100, h) : h)];
    }

    /// <summary>The Gauss–Newton step min ‖J δ + r‖ over the parameters free to move (column-scaled SVD).</summary>
    private static double[] Step(double[,] jacobian, double[] r, double[] u, double[] lower, double[] upper)
    {
        var n = u.Length;
        var free = Enumerable.Range(0, n).ToList();
        for (var pass = 0; pass < 2; pass++)
        {
            var delta = Solve(jacobian, r, free, n);
            var held = free.Where(i => (u[i] <= lower[i] && delta[i] < 0) || (u[i] >= upper[i] && delta[i] > 0)).ToList();
            if (held.Count == 0 || pass == 1)
            {
                return delta;
            }

            free = [.. free.Except(held)];
        }

        return new double[n];
    }

    private static double[] Solve(double[,] jacobian, double[] r, List<int> free, int n)
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
                y[q] = utb[q] / svd.S[q];
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

    private static double SumOfSquares(double[] v) => v.Sum(x => x * x);
}
