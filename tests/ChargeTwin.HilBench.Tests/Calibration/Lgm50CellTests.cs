using ChargeTwin.Bench;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>The calibrated LG M50 as the bench uses it: embedded, the default cell, with a usable uncertainty section.</summary>
public sealed class Lgm50CellTests
{
    private static readonly ParameterSet Lgm50 = CellLibrary.Load("lgm50");

    [Fact]
    public void Lgm50_IsEmbedded_AndTheBenchDefault_OKane2022StaysAvailable()
    {
        Assert.Equal("LGM50", Lgm50.Name);
        Assert.Equal("embedded:lgm50", Lgm50.Source);
        Assert.Equal("lgm50", PlantArguments.DefaultCell);
        Assert.Contains("lgm50", CellLibrary.KnownIds);
        var okane = CellLibrary.Load("okane2022");
        Assert.Null(okane.Uncertainty);
        Assert.Equal(0.75, okane.Scalar("Negative electrode active material volume fraction"));
    }

    [Fact]
    public void Provenance_NamesTheData_TheCommand_AndTheCommit()
    {
        Assert.Contains("Calibrated by `chargetwin-bench calibrate` at commit ", Lgm50.Provenance, StringComparison.Ordinal);
        Assert.Contains("Command: chargetwin-bench calibrate --cell hil-bench/cells/lgm50-start.yaml", Lgm50.Provenance, StringComparison.Ordinal);
        foreach (var file in new[] { "T25_cRate_0p1C", "T25_cRate_0p5C", "T25_cRate_1C", "T25_cRate_2C", "T45_cRate_0p1C", "T45_cRate_0p5C", "T45_cRate_1C", "T45_cRate_1p5C" })
        {
            Assert.Contains($"LGM50_5Ah_RateTest_{file}.csv", Lgm50.Provenance, StringComparison.Ordinal);
        }

        Assert.Contains("converged", Lgm50.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncertainty_DescribesTheFileValues_WithASymmetricPositiveCovariance()
    {
        var u = Lgm50.Uncertainty!;

        Assert.True(u.Converged);
        Assert.Equal(15, u.Parameters.Count);
        foreach (var p in u.Parameters)
        {
            var value = p.Name == CalibrationParameter.CellHeatCapacity ? CalibrationParameter.HeatCapacity_JPerK(Lgm50) : Lgm50.Scalar(p.Name);
            Assert.Equal(p.Value, value, p.Value * 1e-12);
            Assert.True(p.Sigma > 0, p.Name);
            Assert.InRange(p.Value, p.Lower * (1 - 1e-12), p.Upper * (1 + 1e-12)); // an optimum on a bound may sit an ulp beyond it
        }

        var n = u.Parameters.Count;
        for (var i = 0; i < n; i++)
        {
            Assert.True(u.Covariance[i, i] > 0);
            Assert.Equal(1.0, u.Correlation[i, i], 9);
            for (var j = 0; j < n; j++)
            {
                Assert.Equal(u.Covariance[i, j], u.Covariance[j, i]);
                Assert.InRange(u.Correlation[i, j], -1.0 - 1e-9, 1.0 + 1e-9);
            }
        }

        // draws are finite, positive where the scale is log, and spread like σ
        var random = new Random(7);
        var draws = Enumerable.Range(0, 400).Select(_ => u.SampleFitCoordinates(random)).ToArray();
        Assert.All(draws, d => Assert.All(d, x => Assert.True(double.IsFinite(x))));
        var r = u.IndexOf("Contact resistance [Ohm]");
        var spread = Math.Sqrt(draws.Select(d => d[r]).Select(x => (x - u.Parameters[r].Value) * (x - u.Parameters[r].Value)).Average());
        Assert.InRange(spread, 0.8 * u.Parameters[r].Sigma, 1.2 * u.Parameters[r].Sigma);
    }

    [Theory]
    [InlineData("T25", "0p1C")]
    [InlineData("T25", "0p5C")]
    [InlineData("T25", "1C")]
    [InlineData("T25", "2C")]
    [InlineData("T45", "0p1C")]
    [InlineData("T45", "0p5C")]
    [InlineData("T45", "1C")]
    [InlineData("T45", "1p5C")]
    public void TheEmbeddedCell_ReplaysEveryFittedRateTest_Within25mVRms(string temperature, string rate)
    {
        // the target on the fitting data, checked on the committed file and the default (20/20) mesh; the
        // file keeps the 25 °C chamber's heat-transfer coefficient, which the 45 °C replays use too
        var test = CalibrationData.Load(CalibrationFiles.RateTest(temperature, rate), new ReplayOptions(), 298.15);
        var metrics = TestMetrics.Of(test, TestReplay.Run(Lgm50, test, new ModelOptions()));

        Assert.InRange(metrics.DischargeRms_mV, 0, 25);
        if (temperature == "T25" && rate == "2C")
        {
            Assert.InRange(metrics.DischargeMaxTemperatureError_K, 0, 2); // mid-can temperature within 2 K over the 2C discharge
        }
    }

    [Fact]
    public void TheMonotoneGraphiteOcp_KeepsTheReplaySmooth()
    {
        // the same cell with the plain cubic spline through the digitised graphite table: where that spline rises
        // with lithiation the fitted cell's fast kinetics make the integrator crawl (about 1 s steps at 0.1C)
        const string ocp = "Negative electrode OCP [V]";
        var document = CellFileDocument.FromSet(Lgm50);
        Assert.Equal("mtable(\"ocp/graphite_LGM50_ocp_Chen2020.csv\", x, 0.005)", document.FunctionText(ocp));
        document.SetFunction(ocp, "table(\"ocp/graphite_LGM50_ocp_Chen2020.csv\", x)");
        var raw = document.ToSet("lgm50 with the spline through the graphite table");
        var test = CalibrationData.Load(CalibrationFiles.RateTest("T45", "0p1C"), new ReplayOptions(), 298.15);
        var mesh = new ModelOptions { NegativeVolumes = 10, SeparatorVolumes = 10, PositiveVolumes = 10, NegativeShells = 10, PositiveShells = 10 };

        var withSmoothed = TestReplay.Run(Lgm50, test, mesh);
        var withSpline = TestReplay.Run(raw, test, mesh);

        Assert.True(withSmoothed.Completed && withSpline.Completed);
        Assert.True(3 * withSmoothed.SolverSteps < withSpline.SolverSteps, $"{withSmoothed.SolverSteps} steps with the smoothed OCP, {withSpline.SolverSteps} with the spline");
    }

    [Fact]
    public void ASampledCell_StillRunsOnThePlant()
    {
        var u = Lgm50.Uncertainty!;
        var values = u.SampleFitCoordinates(new Random(11));
        var set = Lgm50;
        for (var i = 0; i < values.Length; i++)
        {
            set = CalibrationParameter.Create(u.Parameters[i].Name, set, u.Parameters[i].Lower, u.Parameters[i].Upper).Apply(set, values[i]);
        }

        var options = new ModelOptions { Plating = PlatingModel.None, Sei = SeiModel.None, NegativeVolumes = 6, SeparatorVolumes = 4, PositiveVolumes = 6, NegativeShells = 6, PositiveShells = 6 };
        var simulator = new CellSimulator(new DfnModel(new DfnParameters(set), options), 1.0);
        simulator.Hold(OperatingMode.Current, -5, [new PlantEvent(PlantEventKind.VoltageBelow, 2.5)]);
        Assert.False(simulator.AdvanceTo(5 * 3600));
        var discharged = -simulator.ChargeThroughput_Ah(simulator.Sample());
        Assert.InRange(discharged, 4.5, 5.1);
    }

    [Fact]
    public void TheStartingPoint_IsOKane2022WithAGraphiteEntropicChange_AndAMonotoneGraphiteOcp()
    {
        var start = CellLibrary.Load(Path.Combine(CalibrationFiles.RepositoryRoot, "controller", "Cells", "parameter-sets", "lgm50-start.yaml"));
        var okane = CellLibrary.Load("okane2022");
        var entropic = start.Function("Negative electrode OCP entropic change [V.K-1]");

        Assert.Equal(1.0, start.Scalar("Negative electrode OCP entropic change scale"));
        Assert.Equal(2.467e-4, entropic.Evaluate([0.05]), 6);
        Assert.Equal(-1.0e-4, entropic.Evaluate([0.8]), 6);

        // the same table, smoothed: never rising with lithiation where OKane2022's spline does, and close to it
        const string ocpName = "Negative electrode OCP [V]";
        var ocp = start.Function(ocpName);
        var spline = okane.Function(ocpName);
        Assert.Equal("mtable(\"ocp/graphite_LGM50_ocp_Chen2020.csv\", x, 0.005)", ocp.Expression);
        var grid = Enumerable.Range(0, 5001).Select(i => i / 5000.0).ToArray();
        Span<double> slope = stackalloc double[1];
        var rising = 0;
        foreach (var x in grid)
        {
            spline.Evaluate([x], slope);
            rising += slope[0] > 0 ? 1 : 0;
            ocp.Evaluate([x], slope);
            Assert.True(slope[0] <= 0, $"the smoothed graphite OCP rises at x = {x}");
        }

        Assert.True(rising > 500, $"OKane2022's spline rises at only {rising} of {grid.Length} points");
        var inner = grid.Where(x => x is > 0.03 and < 0.95).Select(x => ocp.Evaluate([x]) - spline.Evaluate([x])).ToArray();
        Assert.InRange(Math.Sqrt(inner.Average(d => d * d)), 0, 0.004);
        foreach (var name in okane.Names.Where(n => n is not ("Negative electrode OCP entropic change [V.K-1]" or ocpName)))
        {
            if (okane.TryGetScalar(name, out var v))
            {
                Assert.Equal(v, start.Scalar(name));
            }
            else
            {
                Assert.Equal(okane.Function(name).Expression, start.Function(name).Expression);
            }
        }
    }
}
