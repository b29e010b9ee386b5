using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Plant;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>
/// The candidate cell lgm50-cold (rate tests and pulses at four temperatures, with literature priors): its provenance
/// cites every prior, and at 0 °C, where the shipped lgm50's 10 s drop is 9–24 % too large, it replays the measured
/// pulses it was not fitted to (the other four cells) within a few per cent.
/// </summary>
public sealed class Lgm50ColdCellTests
{
    private static readonly string CellFile = Path.Combine(CalibrationFiles.RepositoryRoot, "controller", "Cells", "parameter-sets", "lgm50-cold.yaml");

    [Fact]
    public void Provenance_ListsEveryPriorWithItsSource_AndThePulsesItWasFittedTo()
    {
        var cell = CellLibrary.Load(CellFile);
        foreach (var prior in PriorFileReader.Read(Path.Combine(CalibrationFiles.RepositoryRoot, "controller", "Cells", "parameter-sets", "priors", "lgm50.yaml")))
        {
            Assert.Contains($"{prior.Name}: ", cell.Provenance, StringComparison.Ordinal);
            Assert.Contains(prior.Source, cell.Provenance, StringComparison.Ordinal);
        }

        Assert.Contains("--priors controller/Cells/parameter-sets/priors/lgm50.yaml", cell.Provenance, StringComparison.Ordinal);
        Assert.Contains("pulse T0 50% Cell19", cell.Provenance, StringComparison.Ordinal);
        Assert.True(cell.Uncertainty!.Converged);
        Assert.Contains("Priors: 7 of the 16 parameters", cell.Uncertainty.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void AtZeroCelsius_ThePulsesOfCellsItWasNotFittedTo_DropWithinSixPerCentOfTheMeasured()
    {
        var cell = CellLibrary.Load(CellFile);
        var file = Path.Combine(CalibrationFiles.LgM50, "LGM50_5Ah_Pulse_all.csv");
        var pulses = PulseTestReader.Read(file, PulseTestReader.DefaultOptions with { NominalCapacity_Ah = 5 })
            .Where(p => p.Temperature_C == 0 && p.StateOfCharge_percent is 80 or 50 or 30 && p.Cell is not ("Cell19" or "Cell20"))
            .ToList();
        Assert.Equal(12, pulses.Count); // the four cells the fit never saw (it saw Cell19 and Cell20), at 80, 50 and 30 %

        var model = new ModelOptions { NegativeVolumes = 10, SeparatorVolumes = 10, PositiveVolumes = 10, NegativeShells = 10, PositiveShells = 10 };
        double measured = 0, replayed = 0;
        foreach (var p in pulses)
        {
            var replay = TestReplay.Run(cell, p.Test, model);
            var last = Array.FindLastIndex(p.Test.Segment, s => s == TestSegment.Discharge);
            measured += p.Test.InitialRestVoltage_V - p.Test.Voltage_V[last];
            replayed += p.Test.InitialRestVoltage_V - replay.Voltage_V[last];
        }

        Assert.InRange(replayed / measured, 0.94, 1.06);
    }
}
