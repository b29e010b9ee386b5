using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.Controller.Tests.Baselines;

public sealed class CcCvControllerTests
{
    private static readonly ControllerContext Context = new(NominalCapacity_Ah: 5, ChargerMaxCurrent_A: 15, ChargerMaxVoltage_V: 4.25, Period_s: 1, InitialSocEstimate: 0.1, InitialSocSigma: 0.02);

    private static CcCvController Make() => new(
        new CcCvSpec("cccv", ExperimentParser.Parse(["Charge at 1C until 4.2 V", "Hold at 4.2 V until C/20"]), VoltageTolerance_V: 0.01), Context);

    private static MeasuredSample At(double t, double v, double i) => new(t, v, i, 298.15, 1e5);

    [Fact]
    public void ChargeStep_AsksForOneC_WithTheStepsVoltageAsLimit()
    {
        var sp = Make().Step(At(0, 3.7, 0), 0);
        Assert.Equal(new Setpoint(5.0, 4.2, true, "step 1/2: Charge at 1C until 4.2 V"), sp);
    }

    [Fact]
    public void ChargeStep_EndsWithinTheTolerance_AndTheHoldKeepsTheChargeCurrentAsItsLimit()
    {
        var c = Make();
        Assert.Equal(5.0, c.Step(At(0, 4.185, 5), 0).CurrentLimit_A);
        Assert.StartsWith("step 1/2", c.Step(At(1, 4.189, 5), 1).Reason, StringComparison.Ordinal);
        var hold = c.Step(At(2, 4.1905, 5), 2);
        Assert.Equal(new Setpoint(5.0, 4.2, true, "step 2/2: Hold at 4.2 V until C/20"), hold);
    }

    [Fact]
    public void Hold_EndsBelowCOver20_OnlyAfterAPeriod_ThenTheOutputStaysOff()
    {
        var c = Make();
        c.Step(At(0, 4.2, 5), 0);
        // The hold begins at t = 0 with the current still falling: 0.2 A at once is not yet the end condition.
        Assert.True(c.Step(At(0.5, 4.2, 0.2), 0.5).Enable);
        var done = c.Step(At(2, 4.2, 0.24), 2);
        Assert.False(done.Enable);
        Assert.Equal("protocol complete", done.Reason);
        Assert.False(c.Step(At(3, 3.9, 0), 3).Enable);
    }

    [Fact]
    public void SocEstimate_CountsTheMeasuredCharge()
    {
        var c = Make();
        for (var k = 0; k <= 360; k++)
        {
            c.Step(At(k, 3.8, 5), k);
        }

        // 5 A for 360 s is 0.5 Ah, a tenth of 5 Ah.
        Assert.Equal(0.2, c.StateOfCharge.Mean, 12);
        Assert.True(c.StateOfCharge.Sigma > 0.02, "σ grows from the plug-in σ");
    }
}
