using ChargeTwin.HilBench.Numerics;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>Experiment steps on the plant: end conditions located exactly, modes held as asked.</summary>
public sealed class CellSimulatorTests
{
    [Fact]
    public void ChargeThenHold_EndsAtTheVoltageLimit_ThenAtCOver20()
    {
        var (samples, sim) = PlantRuns.Run("okane2022", 25, 0.5, PlantRuns.Options(ThermalModel.Lumped), 10.0, "Charge at 1C until 4.2 V", "Hold at 4.2 V until C/20");
        var cc = samples.Where(s => s.Current_A > 4.99).ToList();
        Assert.Equal(4.2, cc[^1].Voltage_V, 1e-6);
        var cv = samples.SkipWhile(s => s.Current_A > 4.99).ToList();
        Assert.All(cv, s => Assert.Equal(4.2, s.Voltage_V, 1e-6));
        Assert.Equal(0.25, samples[^1].Current_A, 1e-6);
        Assert.True(sim.Statistics.RootsFound >= 2);
    }

    [Fact]
    public void PowerStep_HoldsTheTerminalPower()
    {
        var (samples, _) = PlantRuns.Run("okane2022", 25, 0.8, PlantRuns.Options(ThermalModel.Lumped), 10.0, "Discharge at 15 W for 5 minutes");
        Assert.All(samples.Skip(1), s => Assert.Equal(-15.0, s.Current_A * s.Voltage_V, 1e-6));
    }

    [Fact]
    public void Rest_HoldsZeroCurrent_AndTheVoltageRelaxesUpAfterDischarge()
    {
        var (samples, _) = PlantRuns.Run("okane2022", 25, 0.8, PlantRuns.Options(ThermalModel.Lumped), 10.0, "Discharge at 1C for 5 minutes", "Rest for 10 minutes");
        var rest = samples.Where(s => s.Time_s > 300).ToList();
        Assert.All(rest, s => Assert.Equal(0.0, s.Current_A, 1e-12));
        Assert.True(rest[^1].Voltage_V > rest[0].Voltage_V + 0.01);
    }

    [Fact]
    public void StepWhoseEndIsAlreadyMet_EndsAtOnce()
    {
        var (samples, sim) = PlantRuns.Run("okane2022", 25, 0.5, PlantRuns.Options(ThermalModel.Lumped), 10.0, "Charge at 1C until 3.0 V", "Rest for 1 minute");
        Assert.Equal(60.0, samples[^1].Time_s, 1e-9);
        Assert.Equal(0.0, samples[^1].Current_A, 1e-12);
        _ = sim;
    }

    /// <summary>
    /// 1C from 10 % at −10 °C: the initialisation's damped Newton does not converge on the jump from rest in its 10
    /// iterations, so the step starts in stages — at the state a direct start with 50 iterations converges to.
    /// </summary>
    [Fact]
    public void StepWhoseDirectStartDoesNotConverge_StartsInStages_AtTheSameConsistentState()
    {
        var parameters = new DfnParameters(ChargeTwin.Cells.CellLibrary.Load("lgm50"), null, 263.15, 263.15);
        var current = 1.0 * parameters.NominalCapacity_Ah;
        var failure = Assert.Throws<BdfSolverException>(() => new CellSimulator(new DfnModel(parameters), 0.1).Hold(OperatingMode.Current, current));
        Assert.Equal(BdfFailure.InitialConditionsFailed, failure.Failure);

        var direct = new CellSimulator(new DfnModel(parameters), 0.1, CellSimulator.DefaultSolverOptions with { InitialConditionMaxNewtonIterations = 50 });
        direct.Hold(OperatingMode.Current, current);
        var (samples, _) = PlantRuns.Run(parameters, 0.1, new ModelOptions(), 10.0, null, "Charge at 1C for 1 minute");
        Assert.Equal(current, samples[0].Current_A, 1e-12);
        Assert.Equal(direct.Sample().Voltage_V, samples[0].Voltage_V, 1e-8); // both to the initialisation's Newton tolerance (measured 5e-11 V apart)
        Assert.Equal(60.0, samples[^1].Time_s, 1e-9);
    }

    /// <summary>A step that reaches its setpoint only past its own end condition cannot run: the exception names the step and that end.</summary>
    [Fact]
    public void StepPastItsEndAtItsStart_ThrowsNamingTheStepAndTheEnd()
    {
        var parameters = new DfnParameters(ChargeTwin.Cells.CellLibrary.Load("lgm50"), null, 273.15, 273.15);
        var e = Assert.Throws<StepStartException>(() => PlantRuns.Run(parameters, 0.0, new ModelOptions(), 10.0, null, "Rest for 1 s", "Charge at 50C until 4.2 V"));
        Assert.Equal(1, e.StepIndex);
        Assert.StartsWith("the plant cannot start step 2 'Charge at 50C until 4.2 V': at 250 A", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("past the step's end at 4.2 V", e.Message, StringComparison.Ordinal);
        Assert.IsType<BdfSolverException>(e.InnerException);
    }
}

/// <summary>The plant as the bench loop drives it: slew-limited current commands and forks.</summary>
public sealed class CellSimulatorControlTests
{
    private static CellSimulator NewCell(double soc = 0.3) =>
        new(new DfnModel(new DfnParameters(ChargeTwin.Cells.CellLibrary.Load("okane2022"), null, 298.15, 298.15),
            PlantRuns.Options(ThermalModel.Lumped, PlatingModel.PartiallyReversible)), soc);

    [Fact]
    public void CommandCurrent_RampsAtTheSlewRate_ThenHolds()
    {
        var cell = NewCell();
        cell.CommandCurrent(10, slew_APerS: 2);
        cell.AdvanceTo(2.5);
        Assert.Equal(5.0, cell.Sample().Current_A, 1e-9);
        cell.AdvanceTo(5);
        Assert.Equal(10.0, cell.Sample().Current_A, 1e-9);
        cell.AdvanceTo(30);
        Assert.Equal(10.0, cell.Sample().Current_A, 1e-9);

        cell.CommandCurrent(4, slew_APerS: 3);
        cell.AdvanceTo(31);
        Assert.Equal(7.0, cell.Sample().Current_A, 1e-9);
        cell.AdvanceTo(40);
        Assert.Equal(4.0, cell.Sample().Current_A, 1e-9);
    }

    [Fact]
    public void RecommandingTheHeldCurrent_UpToRoundoff_DoesNotStall()
    {
        var cell = NewCell();
        cell.CommandCurrent(5, slew_APerS: 1e3);
        cell.AdvanceTo(10, stopAtTarget: true);
        var held = cell.Sample().Current_A;
        cell.CommandCurrent(held + 1e3 * 5e-14, slew_APerS: 1e3); // a ramp that ends a few ulps of time after now
        Assert.True(cell.AdvanceTo(20, stopAtTarget: true));
        Assert.Equal(20.0, cell.Time_s);
        Assert.Equal(5.0, cell.Sample().Current_A, 1e-9);
    }

    [Fact]
    public void CommandAfterAnInterpolatedOutput_RestartsFromThatTime()
    {
        var cell = NewCell();
        cell.CommandCurrent(10, slew_APerS: 5);
        cell.AdvanceTo(50);
        cell.CommandCurrent(0, slew_APerS: 100);
        cell.AdvanceTo(50.05);
        Assert.Equal(5.0, cell.Sample().Current_A, 1e-9);
        cell.AdvanceTo(80);
        Assert.Equal(0.0, cell.Sample().Current_A, 1e-9);
    }

    /// <summary>
    /// A 10 s pulse sampled every 0.05 s as plain output times (no stop at them), after a rest long enough for the
    /// integrator's steps to outgrow the 0.75 s ramps. An output time inside a ramp must not let the integrator step
    /// across the ramp's end: the current would be interpolated across the kink, and the ramp's end, now in the
    /// integrator's past, could no longer be a stop time for the next output beyond it (ArgumentOutOfRangeException
    /// from the solver's SetStopTime, as in one of the 216 pulse replays with dense trace points).
    /// </summary>
    [Fact]
    public void DenseOutputTimesInsideARamp_NeverLeaveTheRampsEndInTheIntegratorsPast()
    {
        const double slew_APerS = 10;
        var cell = NewCell(soc: 0.5);
        cell.AdvanceTo(600);
        foreach (var (current, end) in new (double Current_A, double End_s)[] { (-7.5, 610), (0, 640) })
        {
            var from = cell.Sample().Current_A;
            var start = cell.Time_s;
            var rampEnd = start + Math.Abs(current - from) / slew_APerS;
            cell.CommandCurrent(current, slew_APerS);
            for (var k = 1; start + 0.05 * k <= end + 1e-9; k++)
            {
                var t = start + 0.05 * k;
                Assert.True(cell.AdvanceTo(t));
                var expected = t <= rampEnd ? from + (current - from) * (t - start) / (rampEnd - start) : current;
                var actual = cell.Sample().Current_A;
                // at and before the ramp's end the current is the ramp's; after it, within the interpolation error of
                // the algebraic current in the first steps past the kink (1.4 mA here)
                var tolerance_A = t <= rampEnd + 1e-9 ? 1e-9 : 2e-3;
                Assert.True(Math.Abs(actual - expected) <= tolerance_A, $"at t = {t:R} s the current is {actual:R} A, the ramp's {expected:R} A");
            }
        }

        Assert.Equal(0.0, cell.Sample().Current_A, 1e-9);
    }

    [Fact]
    public void Fork_ContinuesExactlyAsTheOriginal_AndIndependently()
    {
        var cell = NewCell();
        cell.CommandCurrent(10, slew_APerS: 5);
        cell.AdvanceTo(20);
        var fork = cell.Fork();
        Assert.Equal(cell.Sample().Voltage_V, fork.Sample().Voltage_V, 1e-6); // the fork re-solves the algebraic state to Newton tolerance

        cell.AdvanceTo(60, stopAtTarget: true);
        fork.AdvanceTo(60, stopAtTarget: true);
        Assert.Equal(cell.Sample().Voltage_V, fork.Sample().Voltage_V, 1e-5);
        Assert.Equal(cell.Sample().PlatedLithium_mol, fork.Sample().PlatedLithium_mol, 1e-5 * cell.Sample().PlatedLithium_mol);

        fork.CommandCurrent(0, slew_APerS: 100);
        fork.AdvanceTo(120);
        cell.AdvanceTo(120);
        Assert.Equal(10.0, cell.Sample().Current_A, 1e-9);
        Assert.Equal(0.0, fork.Sample().Current_A, 1e-9);
        // The fork stopped charging at 60 s with a 0.1 s ramp (0.5 A s) instead of 60 s more at 10 A.
        Assert.Equal(cell.ChargeThroughput_Ah(cell.Sample()) - (10 * 60 - 0.5) / 3600.0, fork.ChargeThroughput_Ah(fork.Sample()), 1e-6);
    }
}
