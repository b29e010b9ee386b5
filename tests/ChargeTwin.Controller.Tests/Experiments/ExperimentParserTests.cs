using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.Controller.Tests.Experiments;

public sealed class ExperimentParserTests
{
    [Fact]
    public void DischargeAtCRate_UntilVoltage_EndsWhenVoltageFalls()
    {
        var s = ExperimentParser.ParseStep("Discharge at 1C until 2.5 V");
        Assert.Equal(StepAction.Discharge, s.Action);
        Assert.Equal(StepQuantity.CRate, s.Quantity);
        Assert.Equal(1.0, s.Magnitude);
        Assert.Null(s.Duration_s);
        Assert.Equal([new EndCondition(EndConditionKind.VoltageBelow, 2.5)], s.EndConditions);
        Assert.Equal(-5.0, s.Current_A(5.0));
    }

    [Fact]
    public void ChargeAtCRate_UntilVoltage_EndsWhenVoltageRises()
    {
        var s = ExperimentParser.ParseStep("Charge at 2C until 4.2 V");
        Assert.Equal(StepAction.Charge, s.Action);
        Assert.Equal([new EndCondition(EndConditionKind.VoltageAbove, 4.2)], s.EndConditions);
        Assert.Equal(10.0, s.Current_A(5.0));
    }

    [Fact]
    public void HoldAtVoltage_UntilCOverN_EndsOnCurrentAsCRate()
    {
        var s = ExperimentParser.ParseStep("Hold at 4.2 V until C/20");
        Assert.Equal(StepAction.Hold, s.Action);
        Assert.Equal(StepQuantity.Voltage, s.Quantity);
        Assert.Equal(4.2, s.Magnitude);
        Assert.Equal(EndConditionKind.CRateBelow, s.EndConditions[0].Kind);
        Assert.Equal(0.05, s.EndConditions[0].Threshold, 12);
    }

    [Fact]
    public void HoldAtMillivolts_UntilMilliamps_ConvertsUnits()
    {
        var s = ExperimentParser.ParseStep("Hold at 4200 mV until 50 mA");
        Assert.Equal(4.2, s.Magnitude, 12);
        Assert.Equal(new EndCondition(EndConditionKind.CurrentBelow, 0.05), s.EndConditions[0]);
    }

    [Theory]
    [InlineData("Rest for 10 minutes", 600)]
    [InlineData("Rest for 30 s", 30)]
    [InlineData("Rest for 1 hour", 3600)]
    [InlineData("rest for 2 h", 7200)]
    public void Rest_ForDuration_HasDurationInSeconds(string text, double seconds)
    {
        var s = ExperimentParser.ParseStep(text);
        Assert.Equal(StepAction.Rest, s.Action);
        Assert.Equal(seconds, s.Duration_s);
        Assert.Empty(s.EndConditions);
    }

    [Fact]
    public void ChargeAtAmps_ForDurationOrUntilVoltage_HasBothEnds()
    {
        var s = ExperimentParser.ParseStep("Charge at 5 A for 10 minutes or until 4.2 V");
        Assert.Equal(StepQuantity.Current, s.Quantity);
        Assert.Equal(5.0, s.Current_A(1.0));
        Assert.Equal(600.0, s.Duration_s);
        Assert.Equal(EndConditionKind.VoltageAbove, s.EndConditions[0].Kind);
    }

    [Fact]
    public void DischargeAtPower_IsNegativePower()
    {
        var s = ExperimentParser.ParseStep("Discharge at 10 W for 1 hour");
        Assert.Equal(StepQuantity.Power, s.Quantity);
        Assert.Equal(-10.0, s.Power_W);
    }

    [Fact]
    public void SeveralSteps_InOneText_SplitOnSemicolons()
    {
        var steps = ExperimentParser.Parse(["Charge at 1C until 4.2 V; Hold at 4.2 V until C/50", "Rest for 1 hour"]);
        Assert.Equal(3, steps.Count);
        Assert.Equal(StepAction.Rest, steps[2].Action);
    }

    [Theory]
    [InlineData("Charge at 2X until 4.2 V", "cannot read '2x'")]
    [InlineData("Charge at 4.2 V", "is a voltage")]
    [InlineData("Hold at 1C until C/20", "'Hold at' takes a voltage")]
    [InlineData("Charge at 1C", "needs 'for <duration>' or 'until <condition>'")]
    [InlineData("Charge at 1C until C/20", "needs a 'Hold at")]
    [InlineData("Dance at 1C until 4.2 V", "expected 'Charge at")]
    [InlineData("Rest for ten minutes", "cannot read the duration")]
    [InlineData("Charge at C/0 until 4.2 V", "divisor must be positive")]
    [InlineData("Charge at -1C until 4.2 V", "non-negative")]
    public void UnreadableStep_FailsWithOneLineNamingTheStep(string text, string expected)
    {
        var e = Assert.Throws<ExperimentParseException>(() => ExperimentParser.ParseStep(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"experiment step '{text}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("Hold !t 4.2 V\runtil C/50", "Hold !t 4.2 V\\runtil C/50")]
    [InlineData("Charge at 1C until 4.2 X\r", "Charge at 1C until 4.2 X")]
    [InlineData("Charge at\u2028 2X until 4.2 V", "Charge at\\u2028 2X until 4.2 V")]
    [InlineData("Charge\0 at 1C", "Charge\\u0000 at 1C")]
    public void StepWithControlCharacters_IsQuotedEscaped_OnOneLine(string text, string quoted)
    {
        // found by the experiment fuzz harness (issue 29): a step with the '\r' of a Windows line end was quoted raw
        var e = Assert.Throws<ExperimentParseException>(() => ExperimentParser.ParseStep(text));
        Assert.StartsWith($"experiment step '{quoted}': ", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message, e.Message.ReplaceLineEndings(""));
        Assert.Equal(text.Trim(), e.Step);
    }
}
