namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Forward-difference J = ∂F/∂y + cj·∂F/∂y' into a <see cref="BorderedBandMatrix"/>, for systems without an analytic
/// Jacobian. Increments as IDA's difference-quotient Jacobians: δ_j = max(√u·max(|y_j|, |h·y'_j|), 1/w_j) with the
/// sign of h·y'_j, perturbing y_j by δ_j and y'_j by cj·δ_j.
/// </summary>
/// <remarks>
/// Without a border, columns are grouped with stride Lower + Upper + 1 (each band row sees one column of a group),
/// so a Jacobian costs Lower + Upper + 1 residuals. With a border, the border rows depend on every column, so every
/// column is perturbed on its own: Size residuals per Jacobian. Correct, but slow for large systems — give the
/// plant an analytic Jacobian and check it with <see cref="JacobianChecker"/>.
/// </remarks>
internal sealed class FiniteDifferenceJacobian
{
    private readonly IDaeSystem _system;
    private readonly JacobianLayout _layout;
    private readonly double[] _yTrial;
    private readonly double[] _ypTrial;
    private readonly double[] _residualTrial;

    public FiniteDifferenceJacobian(IDaeSystem system)
    {
        _system = system;
        _layout = system.Layout;
        _yTrial = new double[_layout.Size];
        _ypTrial = new double[_layout.Size];
        _residualTrial = new double[_layout.Size];
    }

    /// <summary>Adds the difference-quotient Jacobian into <paramref name="matrix"/>; returns the residual evaluations spent.</summary>
    public int Evaluate(
        double t,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> yp,
        ReadOnlySpan<double> residual,
        double cj,
        double h,
        ReadOnlySpan<double> ewt,
        BorderedBandMatrix matrix)
    {
        y.CopyTo(_yTrial);
        yp.CopyTo(_ypTrial);
        return _layout.BorderSize == 0
            ? EvaluateGrouped(t, y, yp, residual, cj, h, ewt, matrix)
            : EvaluateColumnByColumn(t, y, yp, residual, cj, h, ewt, matrix);
    }

    private int EvaluateGrouped(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, ReadOnlySpan<double> residual, double cj, double h, ReadOnlySpan<double> ewt, BorderedBandMatrix matrix)
    {
        int n = _layout.Size;
        int lower = Math.Min(_layout.Lower, n - 1);
        int upper = Math.Min(_layout.Upper, n - 1);
        int width = lower + upper + 1;
        int groups = Math.Min(width, n);
        for (int group = 0; group < groups; group++)
        {
            for (int j = group; j < n; j += width)
            {
                double increment = Increment(y[j], yp[j], h, ewt[j]);
                _yTrial[j] += increment;
                _ypTrial[j] += cj * increment;
            }

            _system.Residual(t, _yTrial, _ypTrial, _residualTrial);

            for (int j = group; j < n; j += width)
            {
                _yTrial[j] = y[j];
                _ypTrial[j] = yp[j];
                double inverse = 1.0 / Increment(y[j], yp[j], h, ewt[j]);
                int first = Math.Max(0, j - upper);
                int last = Math.Min(n - 1, j + lower);
                for (int i = first; i <= last; i++)
                {
                    matrix.Add(i, j, (_residualTrial[i] - residual[i]) * inverse);
                }
            }
        }

        return groups;
    }

    private int EvaluateColumnByColumn(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, ReadOnlySpan<double> residual, double cj, double h, ReadOnlySpan<double> ewt, BorderedBandMatrix matrix)
    {
        int n = _layout.Size;
        int nb = _layout.BandSize;
        for (int j = 0; j < n; j++)
        {
            double increment = Increment(y[j], yp[j], h, ewt[j]);
            _yTrial[j] = y[j] + increment;
            _ypTrial[j] = yp[j] + (cj * increment);
            _system.Residual(t, _yTrial, _ypTrial, _residualTrial);
            _yTrial[j] = y[j];
            _ypTrial[j] = yp[j];
            double inverse = 1.0 / increment;

            int first = 0;
            int last = nb - 1;
            if (j < nb)
            {
                first = Math.Max(0, j - _layout.Upper);
                last = Math.Min(nb - 1, j + _layout.Lower);
            }

            for (int i = first; i <= last; i++)
            {
                matrix.Add(i, j, (_residualTrial[i] - residual[i]) * inverse);
            }

            for (int i = nb; i < n; i++)
            {
                matrix.Add(i, j, (_residualTrial[i] - residual[i]) * inverse);
            }
        }

        return n;
    }

    private static double Increment(double yj, double ypj, double h, double ewtj)
    {
        const double SqrtUnitRoundoff = 1.4901161193847656e-08;
        double increment = Math.Max(SqrtUnitRoundoff * Math.Max(Math.Abs(yj), Math.Abs(h * ypj)), 1.0 / ewtj);
        if (h * ypj < 0.0)
        {
            increment = -increment;
        }

        return (yj + increment) - yj;
    }
}
