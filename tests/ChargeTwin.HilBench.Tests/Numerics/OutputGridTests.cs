using ChargeTwin.HilBench.Numerics;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Numerics;

public sealed class OutputGridTests
{
    [Fact]
    public void Output_DoesNotDependOnTheOutputInterval_ValuesAreBitwiseEqualAndStepCountsIdentical()
    {
        var (coarse, coarseStats) = Run(outputsPerSecond: 1);
        var (fine, fineStats) = Run(outputsPerSecond: 10);
        for (int second = 1; second <= 8; second++)
        {
            double[] a = coarse[second];
            double[] b = fine[second * 10];
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(a[i], b[i]); // bitwise
            }
        }

        Assert.Equal(coarseStats.Steps, fineStats.Steps);
        Assert.Equal(coarseStats.ResidualEvaluations, fineStats.ResidualEvaluations);
        Assert.Equal(coarseStats.Factorizations, fineStats.Factorizations);
    }

    private static (Dictionary<int, double[]> Values, BdfStatistics Statistics) Run(int outputsPerSecond)
    {
        var system = new HeatSystem(nodes: 40, diffusivity: 0.05, beta: 0.2);
        var solver = new BdfSolver(system, new BdfOptions { RelTol = 1e-6, AbsTol = 1e-9 });
        var y = new double[system.Layout.Size];
        var yp = new double[system.Layout.Size];
        system.InitialState(y, yp);
        solver.Initialize(0.0, y, yp);
        var values = new Dictionary<int, double[]>();
        for (int k = 1; k <= 8 * outputsPerSecond; k++)
        {
            Assert.Equal(SolverStatus.Reached, solver.AdvanceTo(k / (double)outputsPerSecond, y, yp));
            values[k] = (double[])y.Clone();
        }

        return (values, solver.Statistics);
    }
}
