using ChargeTwin.HilBench.Calibration;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The rank-one update the Gauss–Newton polish uses between fresh difference Jacobians.</summary>
public sealed class BroydenUpdateTests
{
    private static readonly double[,] J = { { 1, 2 }, { 0, 1 }, { 3, -1 } };

    [Fact]
    public void TheUpdatedJacobian_ReproducesTheStepsResidualChange()
    {
        double[] before = [0.5, -1, 2], after = [0.1, -0.7, 2.9], step = [0.2, -0.05];
        double[] scale = [0.1, 0.01];

        var updated = GaussNewtonPolish.BroydenUpdated(J, step, after, before, scale);

        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(after[k] - before[k], (updated[k, 0] * step[0]) + (updated[k, 1] * step[1]), 12);
        }
    }

    [Fact]
    public void DirectionsOrthogonalToTheScaledStep_AreLeftAlone()
    {
        double[] before = [0.5, -1, 2], after = [0.1, -0.7, 2.9], step = [0.2, -0.05];
        double[] scale = [0.1, 0.01];
        var updated = GaussNewtonPolish.BroydenUpdated(J, step, after, before, scale);

        // v with Σ v_i Δu_i / scale_i² = 0 sees the old Jacobian
        double[] v = [step[1] / (scale[1] * scale[1]), -step[0] / (scale[0] * scale[0])];
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal((J[k, 0] * v[0]) + (J[k, 1] * v[1]), (updated[k, 0] * v[0]) + (updated[k, 1] * v[1]), 9);
        }

        // a residual change the Jacobian already predicts changes nothing
        double[] predicted = [.. Enumerable.Range(0, 3).Select(k => before[k] + (J[k, 0] * step[0]) + (J[k, 1] * step[1]))];
        var unchanged = GaussNewtonPolish.BroydenUpdated(J, step, predicted, before, scale);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(J[k, 0], unchanged[k, 0], 12);
            Assert.Equal(J[k, 1], unchanged[k, 1], 12);
        }
    }
}
