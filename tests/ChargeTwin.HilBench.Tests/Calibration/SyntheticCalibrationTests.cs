using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>
/// The whole calibration on synthetic data from the plant itself (coarse mesh, a 2C pulse and a rest, so that it runs
/// in seconds): it recovers known parameters, and its ±2σ intervals hold them about as often as they should.
/// </summary>
public sealed class SyntheticCalibrationTests
{
    private static readonly ModelOptions Coarse = new()
    {
        Plating = PlatingModel.None,
        Sei = SeiModel.None,
        NegativeVolumes = 5,
        SeparatorVolumes = 3,
        PositiveVolumes = 5,
        NegativeShells = 5,
        PositiveShells = 5,
    };

    private static readonly ParameterSet Truth = CellLibrary.Load("okane2022")
        .With("Contact resistance [Ohm]", 0.02)
        .With("Total heat transfer coefficient [W.m-2.K-1]", 20);

    private static readonly string[] Names = ["Contact resistance [Ohm]", "Total heat transfer coefficient [W.m-2.K-1]"];

    /// <summary>A 2C discharge for 15 minutes, then 10 minutes of rest, compared every 20 s.</summary>
    internal static CalibrationTest Template()
    {
        var times = Enumerable.Range(1, 75).Select(i => i * 20.0).ToArray();
        return new CalibrationTest
        {
            Name = "synthetic 2C pulse",
            Source = "synthetic",
            Ambient_K = 298.15,
            InitialTemperature_K = 298.15,
            InitialRestVoltage_V = double.NaN,
            InitialStateOfCharge = 0.9,
            Profile = [new CurrentPiece(0, 900, -10), new CurrentPiece(900, 1500, 0)],
            Time_s = times,
            Voltage_V = new double[times.Length],
            Temperature_K = new double[times.Length],
            Segment = [.. times.Select(t => t <= 900 ? TestSegment.Discharge : TestSegment.RestAfterDischarge)],
        };
    }

    private static CalibrationSettings Settings => new()
    {
        FitModel = Coarse,
        ReportModel = Coarse,
        Starts = 1,
        Workers = 1,
        ReportReplays = false,
        Optimiser = new LevenbergMarquardtOptions { FiniteDifferenceStep = 1e-3, CostTolerance = 1e-6 },
    };

    [Fact]
    public void KnownParameters_AreRecoveredFromNoiseFreeData()
    {
        var template = Template();
        var clean = SyntheticData.Clean(Truth, [template], Coarse, 1);
        var data = template.WithMeasurements(clean[0].Voltage_V, clean[0].Temperature_K);
        var start = CellLibrary.Load("okane2022").With("Contact resistance [Ohm]", 0.005);
        var parameters = Names.Select(n => CalibrationParameter.Create(n, start)).ToList();

        var result = Calibrator.Run(start, parameters, [data], [], Settings);

        Assert.True(result.Converged, result.Reason);
        Assert.Equal(0.02, result.Values[0], 4);
        Assert.Equal(20.0, result.Values[1], 1);
        Assert.True(result.Cost < 1e-4 * result.InitialCost);
        Assert.Contains("±2σ curvature probes", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.Covariance.AxisWidening.Length);
        Assert.Equal(result.Values, result.Parameters.Select(p => p.Read(result.FittedSet)).ToArray());
    }

    [Fact]
    public void GaussNewtonPolish_FinishesAFitThatStoppedShort()
    {
        // noisy synthetic data, a start away from the truth and a single LM iteration: the polish reaches the
        // optimum (residual variance ≈ 1 for weights equal to the noise) and says so
        var template = Template();
        var clean = SyntheticData.Clean(Truth, [template], Coarse, 1);
        var data = SyntheticData.WithNoise([template], clean, new SensorNoise(0.002, 0.2), new Random(5));
        var start = Truth.With("Contact resistance [Ohm]", 0.03).With("Total heat transfer coefficient [W.m-2.K-1]", 12);
        var parameters = Names.Select(n => CalibrationParameter.Create(n, start)).ToList();
        var problem = new CalibrationProblem(start, parameters, data, Coarse, new ResidualWeights(0.002, 0.002, 0.2), null, 1);
        var steps = LevenbergMarquardt.FiniteDifferenceSteps(parameters, 1e-3);
        var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { MaxIterations = 1, FiniteDifferenceStep = 1e-3 })
            .Minimise((points, ct) => problem.Evaluate(points, ct), problem.Start, problem.Lower, problem.Upper, steps, null, default, finalJacobian: false);

        var polished = GaussNewtonPolish.Run(problem, lm.Point, lm.Residuals, steps, problem.Lower, problem.Upper, maxSteps: 5);

        var m = polished.Residuals.Length;
        Assert.True(polished.AtOptimum);
        Assert.True(polished.Steps >= 1);
        Assert.True(polished.Residuals.Sum(x => x * x) < lm.Residuals.Sum(x => x * x));
        Assert.InRange(polished.Residuals.Sum(x => x * x) / (m - 2), 0.6, 1.5);
        Assert.Equal(0.02, parameters[0].FromFit(polished.Point[0]), 3);
        Assert.Equal(20.0, parameters[1].FromFit(polished.Point[1]), 0);
    }

    [Fact]
    public void ACoverageStudy_FitsWithTheStartsItIsGiven_AsARealCalibrationWould()
    {
        var parameters = Names.Select(n => CalibrationParameter.Create(n, Truth)).ToList();
        var result = CoverageStudy.Run(Truth, parameters, [Template()], Settings with { StartSpread = 0.1, Starts = 2 }, new SensorNoise(0.002, 0.2), fits: 1);

        Assert.Equal(2, Assert.Single(result.Fits).Starts);
        Assert.True(result.Fits[0].Converged);
    }

    [Fact]
    public void TwoSigmaIntervals_HoldTheTruth_InMostNoisyFits()
    {
        // the small, fast version of the coverage study (`calibrate --coverage-study 40` runs the real one)
        var parameters = Names.Select(n => CalibrationParameter.Create(n, Truth)).ToList();
        var result = CoverageStudy.Run(Truth, parameters, [Template()], Settings with { StartSpread = 0.1 }, new SensorNoise(0.002, 0.2), fits: 12);

        Assert.All(result.Fits, f => Assert.True(f.Converged));
        Assert.All(result.Fits, f => Assert.InRange(f.ResidualVariance, 0.6, 1.5));
        // a converged fit of an exact model ends at or below the cost of the truth on the same data
        Assert.All(result.Fits, f => Assert.True(f.ReachedOptimum, $"seed {f.Seed}: s² {f.ResidualVariance} above the truth's {f.TruthResidualVariance}"));
        Assert.True(result.Overall >= 0.75, result.Summary());
        // the curvature probes only ever widen the linearised intervals
        Assert.All(result.Fits, f => Assert.All(f.Z.Zip(f.LinearisedZ), z => Assert.True(Math.Abs(z.First) <= Math.Abs(z.Second) + 1e-12)));
        Assert.True(result.Overall >= result.OverallLinearised);
        Assert.Contains("truth inside ±2σ", result.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void CoverageSummary_CountsIntervalsThatEndedOnABound_Apart()
    {
        var p = CalibrationParameter.Create("Contact resistance [Ohm]", Truth); // linear, 0..0.1 Ω
        CoverageFit[] fits =
        [
            new(1, [0.1], [0.01], [3.0], [3.0], true, 1, 1, 0), // on the upper bound, outside
            new(2, [0.05], [0.01], [1.0], [1.0], true, 1, 1, 0), // inside
            new(3, [0.03], [0.01], [-2.5], [-2.5], true, 1, 1, 0), // outside
        ];
        var result = new CoverageResult([p], [0.02], fits, new SensorNoise(), 0);

        Assert.True(result.OnBound(fits[0], 0));
        Assert.False(result.OnBound(fits[1], 0));
        Assert.Equal((1, 0.5), result.OffBound());
        Assert.Contains("1 intervals ended on a bound (the calibrator marks them not meaningful); the other 2 hold the truth in 50.0 %", result.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnvironmentParameter_IsFittedPerAmbient_AndOnlyTheCellsValueGoesIntoTheCellFile()
    {
        // the same cell in two chambers: 20 W/m²K at 25 °C, 35 W/m²K at 45 °C
        var cool = Template();
        var warm = Template() with { Name = "synthetic 2C pulse at 45 °C", Ambient_K = 318.15, InitialTemperature_K = 318.15 };
        var h = "Total heat transfer coefficient [W.m-2.K-1]";
        var clean25 = SyntheticData.Clean(Truth, [cool], Coarse, 1)[0];
        var clean45 = SyntheticData.Clean(Truth.With(h, 35), [warm], Coarse, 1)[0];
        var data = new[] { cool.WithMeasurements(clean25.Voltage_V, clean25.Temperature_K), warm.WithMeasurements(clean45.Voltage_V, clean45.Temperature_K) };
        var start = CellLibrary.Load("okane2022");
        var cellH = CalibrationParameter.Create(h, start);
        var parameters = new List<CalibrationParameter>
        {
            CalibrationParameter.Create("Contact resistance [Ohm]", start),
            cellH,
            cellH.ForAmbientGroup(CalibrationParameter.AmbientGroup_C(warm)),
        };

        var result = Calibrator.Run(start, parameters, data, [], Settings);

        Assert.True(result.Converged, result.Reason);
        Assert.Equal(20.0, result.Values[1], 1);
        Assert.Equal(35.0, result.Values[2], 1);
        Assert.Equal(45.0, parameters[2].GroupAmbient_C);
        Assert.Equal(45.0, CalibrationParameter.AmbientGroup_C(warm with { Ambient_K = 273.15 + 42.5 })); // halves round up, not to even
        Assert.Equal("Total heat transfer coefficient [W.m-2.K-1] (tests at 45 °C)", parameters[2].Label);
        Assert.Equal(20.0, result.FittedSet.Scalar(h), 1);
        var u = result.Uncertainty("m", "n");
        Assert.Equal(2, u.Parameters.Count);
        Assert.Equal(result.Covariance.Covariance[1, 1], u.Covariance[1, 1]);
    }

    [Fact]
    public void AModelThatRunsOutOfCapacity_GetsAFinitePenalty_NotAnException()
    {
        // far less lithium than the replayed discharge needs: the replay stops at the floor and says so
        var template = Template() with { InitialStateOfCharge = 0.2, Profile = [new CurrentPiece(0, 1200, -10), new CurrentPiece(1200, 1500, 0)] };
        var replay = TestReplay.Run(Truth, template, Coarse);

        Assert.True(replay.Completed);
        Assert.Contains("before the recorded current ended", replay.Problem, StringComparison.Ordinal);
        Assert.All(replay.Voltage_V, v => Assert.True(double.IsFinite(v)));
        Assert.Contains(2.4, replay.Voltage_V);
    }
}
