using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void Evaluate_AllocatesNothing_ForAnyFunctionOfAnySet()
    {
        var functions = new[] { "okane2022", "ai2020", "ecker2015", "bpx" }
            .Select(GradientTests.Load)
            .SelectMany(set => FunctionSignatures.Names.Where(set.Contains).Select(name => (Set: set, Function: set.Function(name))))
            .Select(f => (f.Function, Point: GradientTests.Points(f.Set, f.Function).First()))
            .ToList();
        Span<double> gradient = stackalloc double[4];
        var sum = 0.0;

        // warm up (JIT, tiering)
        for (var round = 0; round < 50; round++)
        {
            foreach (var (function, point) in functions)
            {
                sum += function.Evaluate(point) + function.Evaluate(point, gradient);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 1000; round++)
        {
            foreach (var (function, point) in functions)
            {
                sum += function.Evaluate(point) + function.Evaluate(point, gradient);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sum));
        Assert.True(functions.Count >= 40);
    }
}
