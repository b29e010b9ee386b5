using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Tests.Baselines;

public sealed class MultiStageAndPressureTests
{
    private static readonly ControllerContext Context = new(NominalCapacity_Ah: 5, ChargerMaxCurrent_A: 6, ChargerMaxVoltage_V: 4.2, Period_s: 1, InitialSocEstimate: 0.1, InitialSocSigma: 0.02);

    private static Quantity C(double rate) => new(QuantityKind.Current, rate, IsCRate: true);

    [Fact]
    public void MultiStage_MovesToTheNextRate_WhenTheCountedSocPassesTheStageEnd_AndClampsToTheCharger()
    {
        var c = new MultiStageCcController(new MultiStageCcSpec("ms", [new CcStage(0.3, C(1.5)), new CcStage(0.55, C(1)), new CcStage(0.8, C(0.7))], 4.2), Context);
        var t = 0;
        Setpoint Feed(double current) => c.Step(new MeasuredSample(t, 3.8, current, 298.15, 1e5), t++);

        // 1.5C of 5 Ah is 7.5 A, above the charger's 6 A.
        Assert.Equal(6.0, Feed(0).CurrentLimit_A);
        // From 0 A to 6 A the trapezoid counts 3 A s, then 6 A s per second: 6k − 3 A s after sample k. 30 % is
        // 0.2 × 5 Ah = 3600 A s above the start, passed at sample 601 (3603 A s), not at 600 (3597 A s).
        for (var k = 1; k <= 600; k++)
        {
            Assert.Equal(6.0, Feed(6).CurrentLimit_A);
        }

        var next = Feed(6);
        Assert.Equal(5.0, next.CurrentLimit_A);
        Assert.StartsWith("stage 2/3", next.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PressureTriggered_StepsDown_WhenDpDqExceedsTheThreshold_ButNotBeforeTheDwell()
    {
        var spec = new PressureTriggeredSpec("p", [C(1), C(0.5)], Threshold_PaPerAh: 20e3, Window_s: 60, MinimumDwell_s: 300, VoltageLimit_V: 4.2);
        var c = new PressureTriggeredController(spec, Context);
        var charge = 0.0;
        Setpoint sp = default;
        for (var t = 0; t <= 400; t++)
        {
            // 5 A; the pressure rises 30 kPa per Ah counted: above the 20 kPa/Ah threshold from the first window.
            sp = c.Step(new MeasuredSample(t, 3.8, 5, 298.15, 1e5 + 30e3 * charge), t);
            Assert.Equal(t < 300 ? 5.0 : 2.5, sp.CurrentLimit_A);
            charge += 5.0 / 3600;
        }

        Assert.Equal(30e3, c.DpDq, 6);
        Assert.Contains("stepped down", sp.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PressureTriggered_KeepsItsRate_WhileDpDqStaysBelowTheThreshold()
    {
        var spec = new PressureTriggeredSpec("p", [C(1), C(0.5)], Threshold_PaPerAh: 20e3, Window_s: 60, MinimumDwell_s: 0, VoltageLimit_V: 4.2);
        var c = new PressureTriggeredController(spec, Context);
        for (var t = 0; t <= 600; t++)
        {
            Assert.Equal(5.0, c.Step(new MeasuredSample(t, 3.8, 5, 298.15, 1e5 + 19e3 * 5.0 * t / 3600), t).CurrentLimit_A);
        }
    }
}
