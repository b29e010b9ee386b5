using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>
/// Every row of the default table trips on a synthetic fault injected into the nominal charge, not before the fault
/// and within its bound: the row's debounce plus the latency of its signal (a window to fill, a run to last). The
/// bounds are charge time, never wall-clock time.
/// </summary>
public sealed class RowTripTests
{
    private const double C = 273.15;

    /// <summary>id, when the fault starts [s], the bound from the fault to the trip [s], the fault (made afresh: a freeze holds state).</summary>
    private static Dictionary<string, (double At_s, double Bound_s, Fault Fault)> Faults() => new()
    {
        ["SM-01"] = (60, 0.1, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 4.26),
        ["SM-02"] = (60, 0.1, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 4.31),
        ["SM-03"] = (60, 0.2, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 2.45),
        ["SM-04"] = (60, 0.2, (ref x, _) => x.CellVoltage_V = x.OutputVoltage_V = 1.9),
        ["SM-05"] = (60, 0.1, (ref x, _) => x.CellCurrent_A = x.OutputCurrent_A = 17),
        ["SM-06"] = (60, 0.1, (ref x, _) => x.CellCurrent_A = x.OutputCurrent_A = -2),
        ["SM-07"] = (60, 0.2, (ref x, _) => x.SurfaceTemperature_K = C + 51),
        ["SM-08"] = (60, 0.2, (ref x, _) => x.SurfaceTemperature_K = C + 61),
        ["SM-09"] = (60, 0.2, (ref x, _) => x.SurfaceTemperature_K = C - 2),
        ["SM-10"] = (60, 0.2, (ref x, _) => x.SurfaceTemperature_K = C - 6),
        ["SM-11"] = (60, 0.2, (ref x, _) => x.SurfaceTemperature_K = C - 45),
        ["SM-12"] = (60, 15, (ref x, t) => x.SurfaceTemperature_K += 35.0 / 60 * t),
        ["SM-13"] = (60, 10, (ref x, t) => x.SurfaceTemperature_K += 2 * t),
        ["SM-14"] = (60, 12, (ref x, t) => x.StackPressure_Pa += 100e3 / 60 * t),
        ["SM-15"] = (60, 0.2, (ref x, _) => x.StackPressure_Pa = 1.6e6),
        ["SM-16"] = (60, 0.2, (ref x, _) => x.CellVoltage_V += 0.15),
        ["SM-17"] = (60, 0.2, (ref x, _) => x.CellCurrent_A += 1.5),
        ["SM-18"] = (60, 12, (ref x, _) => x.CellVoltage_V += 0.04),
        ["SM-19"] = (60, 12, (ref x, _) => x.CellCurrent_A += 0.4),
        ["SM-20"] = (60, 10, (ref x, t) => x.CellVoltage_V += 0.03 * Wobble(t)),
        ["SM-21"] = (60, 10, (ref x, t) => x.CellCurrent_A += 0.5 * Wobble(t)),
        ["SM-22"] = (60, 15, (ref x, t) => x.SurfaceTemperature_K += 3 * Wobble(t)),
        ["SM-23"] = (60, 15, (ref x, t) => x.StackPressure_Pa += 5e3 * Wobble(t)),
        // The cell's channels freeze while the power stage ramps the current up (its own readings move).
        ["SM-24"] = (0.2, 2, Freeze((ref x) => ref x.CellVoltage_V)),
        ["SM-25"] = (0.2, 2, Freeze((ref x) => ref x.CellCurrent_A)),
        ["SM-26"] = (60, 305, Freeze((ref x) => ref x.SurfaceTemperature_K)),
        ["SM-27"] = (60, 305, Freeze((ref x) => ref x.StackPressure_Pa)),
        ["SM-28"] = (60, 0.2, (ref x, _) => x.OutputCurrent_A = x.CellCurrent_A = x.CommandedCurrent_A + 1),
        ["SM-29"] = (60, 0.05, (ref x, _) => x.StatusLost = true),
        ["SM-30"] = (60, 0.05, (ref x, _) => x.HeartbeatLost = true),
        ["SM-31"] = (60, 0.05, (ref x, _) => x.PowerStageFaults = PowerStageFaults.OverTemperature),
        ["SM-41"] = (60, 0.05, (ref x, _) => x.PowerStageFaults = PowerStageFaults.SetpointInvalid),
        ["SM-32"] = (60, 0.05, (ref x, _) => x.CrcErrors = 10),
        ["SM-33"] = (60, 0.05, (ref x, _) => x.CounterErrors = 10),
        ["SM-34"] = (60, 0.05, (ref x, _) => x.Timeouts = 3),
        ["SM-35"] = (60, 0.05, (ref x, _) => x.MeasurementLost = true),
        ["SM-36"] = (60, 0.05, (ref x, _) => x.CellChannelBad = true),
        ["SM-37"] = (60, 0.05, (ref x, _) => x.DeadlineOverruns = 5),
        ["SM-38"] = (60, 20, (ref x, t) => x.InnovationNis = 9 + Math.Floor(t) * 1e-6),
        ["SM-39"] = (60, 0.3, (ref x, _) => x.SurfaceTemperature_K = C + 49.8),
        // Three margins mostly used at once, none past its own row: 49.8 °C, 4.245 V and the pressure rising at 40 kPa/min.
        ["SM-40"] = (60, 15, (ref x, t) =>
        {
            x.SurfaceTemperature_K = C + 49.8;
            x.CellVoltage_V = x.OutputVoltage_V = 4.245;
            x.StackPressure_Pa += 40e3 / 60 * t;
        }),
    };

    private delegate ref double Channel(ref SafetyInputs inputs);

    public static TheoryData<string> Ids() => [.. DiagnosisTable.Default.Rows.Select(r => r.Id)];

    [Fact]
    public void EveryRowOfTheDefaultTable_HasAFaultHere() =>
        Assert.Equal(DiagnosisTable.Default.Rows.Select(r => r.Id).Order(), Faults().Keys.Order());

    [Theory]
    [MemberData(nameof(Ids))]
    public void Row_Trips_OnItsFault_WithinItsBound(string id)
    {
        var (at_s, bound_s, fault) = Faults()[id];
        var run = new MonitorRun();
        var row = run.Row(id);

        run.RunUntil(at_s);
        Assert.False(run.Monitor.RowStatus[row].Active, $"{id} active before its fault");
        run.RunUntil(at_s + bound_s + 1e-6, fault, at_s, m => m.RowStatus[row].Active);

        var status = run.Status(id);
        Assert.True(status.Active, $"{id} not active {bound_s} s after its fault");
        Assert.True(status.FirstDetectedNs >= (long)(at_s * 1e9) - 1, $"{id} detected before its fault");
        Assert.True(run.Monitor.Verdict.Reaction >= DiagnosisTable.Default.Rows[row].Reaction.Reaction);
    }

    [Fact]
    public void AStuckVoltage_DoesNotTrip_WhileThePowerStageReadsItStill()
    {
        // In the CV hold both readings rest; a repeated value is then no evidence of a stuck channel.
        var run = new MonitorRun();
        run.RunUntil(3300);
        Assert.True(run.Monitor.Verdict.IsNominal, run.Monitor.Verdict.Cause);
        var (cell_V, output_V) = (run.Last.CellVoltage_V, run.Last.OutputVoltage_V);

        run.RunUntil(3360, (ref x, _) => (x.CellVoltage_V, x.OutputVoltage_V) = (cell_V, output_V), 3300);

        Assert.False(run.Status("SM-24").Active, $"{run.Monitor.Verdict.Cause}; first detected {run.Status("SM-24").FirstDetectedNs}; V {run.Last.CellVoltage_V} / {run.Last.OutputVoltage_V}");
    }

    private static Fault Freeze(Channel channel)
    {
        var held = double.NaN;
        return (ref x, _) =>
        {
            ref var value = ref channel(ref x);
            held = double.IsNaN(held) ? value : held;
            value = held;
        };
    }

    /// <summary>A deterministic ±1 square-ish scatter with zero mean (one value per 10 ms tick).</summary>
    private static double Wobble(double t_s) => Math.Sin(t_s * 100 * 2.39996) >= 0 ? 1 : -1;
}
