namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Checks a model's analytic Jacobian (∂F/∂y + cj·∂F/∂y') against central finite differences at a given point —
/// for model authors' tests. Allocates; not for the stepping loop.
/// </summary>
public static class JacobianChecker
{
    /// <summary>
    /// Compares every entry (including those outside the declared structure, where the analytic value is 0) and
    /// reports the worst relative error |a − f| / max(|a|, |f|, relativeFloor·(largest |entry| in the row)).
    /// Column j is perturbed by δ_j = ∛u·max(|y_j|, <paramref name="typicalMagnitude"/>) in y and cj·δ_j in y'.
    /// A correct Jacobian typically scores below 1e-5; a wrong entry scores near 1 or above.
    /// </summary>
    /// <exception cref="InvalidOperationException">The system has no analytic Jacobian.</exception>
    public static JacobianCheckResult Compare(
        IDaeSystem system,
        double t,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> yp,
        double cj,
        double typicalMagnitude = 1.0,
        double relativeFloor = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(system);
        JacobianLayout layout = system.Layout;
        int n = layout.Size;
        if (y.Length != n || yp.Length != n)
        {
            throw new ArgumentException($"y and y' must have {n} entries.");
        }

        var analytic = new BorderedBandMatrix(layout);
        if (!system.Jacobian(t, y, yp, cj, analytic))
        {
            throw new InvalidOperationException("The system has no analytic Jacobian to check.");
        }

        var finiteDifference = new double[n * n]; // column-major
        var yTrial = y.ToArray();
        var ypTrial = yp.ToArray();
        var plus = new double[n];
        var minus = new double[n];
        double cubeRootU = Math.Cbrt(2.220446049250313e-16);
        for (int j = 0; j < n; j++)
        {
            double step = cubeRootU * Math.Max(Math.Abs(y[j]), typicalMagnitude);
            double up = y[j] + step;
            double down = y[j] - step;
            double width = up - down;

            yTrial[j] = up;
            ypTrial[j] = yp[j] + (cj * (up - y[j]));
            system.Residual(t, yTrial, ypTrial, plus);
            yTrial[j] = down;
            ypTrial[j] = yp[j] + (cj * (down - y[j]));
            system.Residual(t, yTrial, ypTrial, minus);
            yTrial[j] = y[j];
            ypTrial[j] = yp[j];

            for (int i = 0; i < n; i++)
            {
                finiteDifference[(j * n) + i] = (plus[i] - minus[i]) / width;
            }
        }

        var worst = new JacobianCheckResult(0.0, -1, -1, 0.0, 0.0);
        for (int i = 0; i < n; i++)
        {
            double rowScale = 0.0;
            for (int j = 0; j < n; j++)
            {
                rowScale = Math.Max(rowScale, Math.Max(Math.Abs(analytic.Get(i, j)), Math.Abs(finiteDifference[(j * n) + i])));
            }

            double floor = Math.Max(relativeFloor * rowScale, double.Epsilon);
            for (int j = 0; j < n; j++)
            {
                double a = analytic.Get(i, j);
                double f = finiteDifference[(j * n) + i];
                double error = Math.Abs(a - f) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(f)), floor);
                if (error > worst.WorstRelativeError || worst.Row < 0)
                {
                    worst = new JacobianCheckResult(error, i, j, a, f);
                }
            }
        }

        return worst;
    }
}
