using System.Globalization;

namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Outcome of <see cref="JacobianChecker.Compare"/>: the worst relative disagreement between the analytic Jacobian
/// and central finite differences, and where it is.
/// </summary>
public readonly record struct JacobianCheckResult(double WorstRelativeError, int Row, int Column, double Analytic, double FiniteDifference)
{
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "worst relative error {0:G3} at (row {1}, column {2}): analytic {3:G6}, finite difference {4:G6}",
        WorstRelativeError,
        Row,
        Column,
        Analytic,
        FiniteDifference);
}
