using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Controller.Tests.Twin.Model;

public sealed class TwoNodeThermalTests
{
    /// <summary>The lgm50 cell file with the optional core-to-surface resistance added, written beside a copy of its OCP tables.</summary>
    private static TwinParameters WithInternalResistance(double kelvinPerWatt)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ChargeTwin.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var sets = Path.Combine(root, "controller", "Cells", "parameter-sets");
        var folder = Directory.CreateTempSubdirectory("twin-rin-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "ocp"));
        foreach (var table in Directory.GetFiles(Path.Combine(sets, "ocp")))
        {
            File.Copy(table, Path.Combine(folder, "ocp", Path.GetFileName(table)));
        }

        var line = $"\nparameters:\n  \"{TwinParameters.InternalThermalResistanceName}\": {kelvinPerWatt.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n";
        var path = Path.Combine(folder, "lgm50-rin.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(sets, "lgm50.yaml")).Replace("\nparameters:\n", line, StringComparison.Ordinal));
        try
        {
            return new TwinParameters(CellLibrary.Load(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TwinOutputs Charge(TwinParameters parameters, int seconds)
    {
        var model = new ReducedCellModel(parameters);
        var state = new double[model.Layout.StateCount];
        model.Initialise(state, 0.1, 298.15);
        for (var t = 0; t < seconds; t++)
        {
            model.Step(state, 10.0, 298.15, 1.0, state);
        }

        model.Evaluate(state, 10.0, 298.15, out var o);
        return o;
    }

    [Fact]
    public void WithoutInternalResistance_CoreAndSurfaceAreOneNode()
    {
        var lumped = new TwinParameters(CellLibrary.Load("lgm50"));
        Assert.Null(lumped.InternalThermalResistance_KPerW);
        var o = Charge(lumped, 300);
        Assert.Equal(o.CoreTemperature_K, o.SurfaceTemperature_K);
        Assert.True(o.CoreTemperature_K > 300);
    }

    [Fact]
    public void WithInternalResistance_TheCoreRunsHotterThanTheSurface_AndASmallResistanceIsTheLumpedLimit()
    {
        var lumped = Charge(new TwinParameters(CellLibrary.Load("lgm50")), 300);
        var twoNode = Charge(WithInternalResistance(2.0), 300);
        var nearlyLumped = Charge(WithInternalResistance(1e-4), 300);
        Assert.True(twoNode.CoreTemperature_K - twoNode.SurfaceTemperature_K > 2, $"{twoNode.CoreTemperature_K} vs {twoNode.SurfaceTemperature_K}");
        Assert.Equal(lumped.CoreTemperature_K, nearlyLumped.CoreTemperature_K, 0.01);
        Assert.Equal(lumped.SurfaceTemperature_K, nearlyLumped.SurfaceTemperature_K, 0.01);
    }
}
