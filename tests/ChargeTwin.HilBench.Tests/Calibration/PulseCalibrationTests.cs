using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Plant;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Pulses in the calibration: which are fitted, and the prior rows after the data's residuals.</summary>
public sealed class PulseCalibrationTests
{
    private static IReadOnlyList<PulseTest> ThreePulses() => PulseTestReader.Read(new StringReader(PulseFiles.ThreePulses()), "pulses.csv");

    [Fact]
    public void Selection_TakesTheAskedTemperaturesAndSocs_AndTheFirstCellsOfEachGroup()
    {
        var pulses = ThreePulses();
        Assert.Equal(3, PulseSelection.All.Select(pulses).Count);
        Assert.Equal(["Cell1", "Cell2"], new PulseSelection([25.0], [], int.MaxValue).Select(pulses).Select(p => p.Cell));
        Assert.Equal(["Cell1", "Cell19"], new PulseSelection([], [], 1).Select(pulses).Select(p => p.Cell));
        Assert.Equal(["Cell19"], new PulseSelection([], [90], 2).Select(pulses).Select(p => p.Cell));
    }

    [Fact]
    public void Selection_OfATemperatureOrSocTheFileLacks_IsRefused()
    {
        var pulses = ThreePulses();
        Assert.Equal("--pulse-temperature 10: the pulse file has no pulses at 10 °C (it has 0, 25)",
            Assert.Throws<CalibrationInputException>(() => new PulseSelection([10.0], [], 1).Select(pulses)).Message);
        Assert.Equal("--pulse-soc 20: the pulse file has no pulses at 20 % SOC (it has 50, 90)",
            Assert.Throws<CalibrationInputException>(() => new PulseSelection([], [20], 1).Select(pulses)).Message);
    }

    /// <summary>A prior adds one row after the data's: (u − μ)/σ in the fit coordinate; the data's rows do not change.</summary>
    [Fact]
    public void Problem_WithPriors_AppendsOneResidualPerPrior_AfterTheDatas()
    {
        var set = CalibrationBase.Expose(CellLibrary.Load("lgm50"), ["Negative electrode reaction rate constant activation energy [J.mol-1]", "Positive particle diffusivity reference value [m2.s-1]"]);
        var parameters = new List<CalibrationParameter>
        {
            CalibrationParameter.Create("Negative electrode reaction rate constant activation energy [J.mol-1]", set),
            CalibrationParameter.Create("Positive particle diffusivity reference value [m2.s-1]", set),
        };
        var priors = new List<ParameterPrior>
        {
            new("Positive particle diffusivity reference value [m2.s-1]", 1.1e-14, Math.Log(3), FitScale.Log, "test"),
            new("Negative electrode reaction rate constant activation energy [J.mol-1]", 40000, 10000, FitScale.Linear, "test"),
        };
        var tests = new[] { ThreePulses()[0].Test };
        var mesh = new ModelOptions { NegativeVolumes = 4, SeparatorVolumes = 4, PositiveVolumes = 4, NegativeShells = 4, PositiveShells = 4 };
        var plain = new CalibrationProblem(set, parameters, tests, mesh, workers: 1);
        var withPriors = new CalibrationProblem(set, parameters, tests, mesh, workers: 1, priors: priors);
        var u = new[] { 60000.0, Math.Log(3.3e-14) };

        var r = withPriors.Evaluate([u])[0];
        var data = plain.Evaluate([u])[0];

        Assert.Equal(plain.ResidualCount + 2, withPriors.ResidualCount);
        Assert.Equal(plain.ResidualCount, withPriors.DataResidualCount);
        Assert.Equal(data, r[..data.Length]);
        Assert.Equal(1.0, r[^2], 12);  // ln(3.3e-14 / 1.1e-14) / ln 3
        Assert.Equal(2.0, r[^1], 12);  // (60 − 40) / 10 kJ/mol
        Assert.Equal(2, withPriors.With(options: mesh).Priors.Count);
    }

    /// <summary>
    /// Leave-one-temperature-out on a small problem (the contact resistance fitted to synthetic pulses at 0, 25 and
    /// 45 °C on a coarse mesh): one fold per temperature, each fitted without that temperature's pulses and predicting
    /// exactly them, with the band's coverage and the RMS counted over their points.
    /// </summary>
    [Fact]
    public void LeaveOneTemperatureOut_FitsWithoutEachTemperature_AndPredictsExactlyItsPulses()
    {
        var text = PulseFiles.Header + "\n"
            + PulseFiles.Pulse("T0", "SoC5", "Cell1", 3.70, -2.5, 1000, cellTemperature_C: 0.5)
            + PulseFiles.Pulse("T0", "SoC5", "Cell2", 3.70, -2.5, 2000, cellTemperature_C: 0.5)
            + PulseFiles.Pulse("T25", "SoC5", "Cell1", 3.70, -7.5, 3000)
            + PulseFiles.Pulse("T45", "SoC5", "Cell1", 3.70, -7.5, 4000, cellTemperature_C: 45);
        var all = PulseTestReader.Read(new StringReader(text), "pulses.csv");
        var fitted = new PulseSelection([], [], 1).Select(all); // one cell per group fitted, every cell predicted
        var set = CalibrationBase.Expose(CellLibrary.Load("lgm50"), ["Contact resistance [Ohm]"]);
        var parameters = new List<CalibrationParameter> { CalibrationParameter.Create("Contact resistance [Ohm]", set) };
        var mesh = new ModelOptions { NegativeVolumes = 4, SeparatorVolumes = 4, PositiveVolumes = 4, NegativeShells = 4, PositiveShells = 4 };
        var settings = new CalibrationSettings { FitModel = mesh, ReportModel = mesh, Starts = 1, PolishSteps = 2, ProbeRounds = 0, Workers = 1 };

        var folds = LeaveOneTemperatureOut.Run(set, parameters, [], fitted, all, settings,
            new MeasuredReplaySettings { Model = mesh, BandModel = mesh, TracePoints = 0, Workers = 1 });

        Assert.Equal([0.0, 25.0, 45.0], folds.Select(f => f.Temperature_C));
        foreach (var fold in folds)
        {
            Assert.DoesNotContain(fold.Fit.FitTests, t => all.Any(p => p.Test == t && p.Temperature_C == fold.Temperature_C));
            Assert.Equal(fitted.Count(p => p.Temperature_C != fold.Temperature_C), fold.Fit.FitTests.Count);
            Assert.Equal(all.Where(p => p.Temperature_C == fold.Temperature_C).Select(p => p.Test.Name), fold.Prediction.Tests.Select(t => t.Test.Name));
            Assert.NotNull(fold.Prediction.Band);
            var errors = fold.Prediction.Tests.SelectMany(t => t.Test.Voltage_V.Select((v, k) => t.Replay.Voltage_V[k] - v)).ToList();
            Assert.Equal(errors.Count, fold.Points);
            Assert.Equal(1000 * Math.Sqrt(errors.Average(e => e * e)), fold.Rms_mV, 9);
            Assert.InRange(fold.VoltageCoverage, 0, 1);
            Assert.True(fold.MeanBand_mV > 0);
        }

        Assert.Equal(2, folds[0].Prediction.Tests.Count); // both 0 °C cells predicted, one fitted elsewhere
        var table = LeaveOneTemperatureOut.Table(folds);
        Assert.Equal(2 + folds.Count, table.TrimEnd().Split('\n').Length);
        Assert.Contains("| 0 °C | 2 |", table, StringComparison.Ordinal);
        Assert.Throws<CalibrationInputException>(() => LeaveOneTemperatureOut.Run(set, parameters, [], [.. fitted.Where(p => p.Temperature_C == 25)], all, settings, new MeasuredReplaySettings()));
    }
}
