using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Faults;

namespace ChargeTwin.HilBench.Tests.Faults;

/// <summary>The <c>faults:</c> key: every kind read with its parameters, bad input one line at its line, ids.</summary>
public sealed class FaultFileTests
{
    private static Campaign Load(string faults, string extra = "") => CampaignLoader.Parse(FaultCampaignFiles.With(faults, extra: extra), "f.yaml", ".");

    private static CampaignException Fails(string faults, string extra = "") =>
        Assert.Throws<CampaignException>(() => Load(faults, extra));

    private static int LineOf(string text) =>
        1 + FaultCampaignFiles.With("X").Split('\n').ToList().FindIndex(l => l.Contains("X", StringComparison.Ordinal));

    [Fact]
    public void EveryKind_IsReadWithItsParameters_InBaseUnits()
    {
        var c = Load("""
            all:
                - {kind: stuck, channel: voltage, at: 300 s}
                - {kind: offset, channel: temperature, value: -8 K, at_soc: 50 %, duration: 1 min}
                - {kind: drift, channel: voltage, rate: 2 mV/s, at: 10 s}
                - {kind: drift, channel: current, rate: 60 mA/min, at: 10 s}
                - {kind: open_circuit, channel: temperature, at: 1 s}
                - {kind: noise_burst, channel: current, factor: 20, at: 1 s}
                - {kind: frames_lost, direction: to_controller, message: CM_CellVoltageCurrent, at: 1 s}
                - {kind: frames_delayed, delay: 50 ms, at: 1 s}
                - {kind: frames_corrupted, direction: to_power_stage, at: 1 s}
                - {kind: frames_replayed, at: 1 s}
                - {kind: stage_overshoot, factor: 1.3, at: 1 s}
                - {kind: stage_stuck, at: 1 s}
                - {kind: cooling_failure, fraction: 10 %, at: 1 s}
                - {kind: internal_short, resistance: 500 mOhm, at: 1 s}
                - {kind: self_heating, power: 2 W, reference: 60 °C, activation_energy: 80 kJ/mol, at: 1 s}
                - {kind: controller_hang, at: 1 s, duration: 5 s}
              none: []
            """);
        var f = c.FaultSets[0].Faults;
        Assert.Equal(["all", "none"], c.FaultSets.Select(s => s.Name));
        Assert.Equal(16, f.Count);
        Assert.Equal((FaultKind.Stuck, SensorChannelId.Voltage, 300.0, double.PositiveInfinity), (f[0].Kind, f[0].Channel, f[0].At_s, f[0].Duration_s));
        Assert.Equal((-8.0, 0.5, 60.0, true), (f[1].Value, f[1].AtSoc, f[1].Duration_s, f[1].TriggeredBySoc));
        Assert.Equal(0.002, f[2].Value, 12);
        Assert.Equal(0.001, f[3].Value, 12);
        Assert.Equal(FaultKind.OpenCircuit, f[4].Kind);
        Assert.Equal(20, f[5].Value);
        Assert.Equal((FrameDirection.ToController, "CM_CellVoltageCurrent"), (f[6].Direction, f[6].Message));
        Assert.Equal((0.05, FrameDirection.Both, (string?)null), (f[7].Value, f[7].Direction, f[7].Message));
        Assert.Equal(FrameDirection.ToPowerStage, f[8].Direction);
        Assert.Equal(FaultKind.FramesReplayed, f[9].Kind);
        Assert.Equal(1.3, f[10].Value);
        Assert.Equal(FaultKind.StageStuck, f[11].Kind);
        Assert.Equal(0.1, f[12].Value, 12);
        Assert.Equal(0.5, f[13].Value, 12);
        Assert.Equal((2.0, 333.15, 80e3), (f[14].Value, f[14].Reference_K, f[14].ActivationEnergy_JPerMol));
        Assert.Equal((FaultKind.HeartbeatLoss, 5.0), (f[15].Kind, f[15].Duration_s));

        // The axis multiplies the conditions; the fault set is part of the condition (and so of the id).
        var scenarios = ScenarioMatrix.Expand(c);
        Assert.Equal(2, scenarios.Count);
        Assert.NotEqual(scenarios[0].ConditionId, scenarios[1].ConditionId);
        Assert.Equal(16, scenarios[0].AllFaults.Count);
    }

    [Fact]
    public void AFaultFreeEntry_KeepsTheIdsOfAFileWithoutTheAxis_AndAFaultChangesThem()
    {
        var without = CampaignLoader.Parse(FaultCampaignFiles.With("none: []").Replace("faults:\n  none: []\n", "", StringComparison.Ordinal), "f.yaml", ".");
        Assert.DoesNotContain("faults:", without.SourceText, StringComparison.Ordinal);
        Assert.Single(without.FaultSets);
        var none = Load("none: []");
        var one = Load("x: {kind: stuck, channel: voltage, at: 300 s}");
        var other = Load("x: {kind: stuck, channel: voltage, at: 301 s}");
        var soc = Load("x: {kind: stuck, channel: voltage, at_soc: 50 %}");
        var id = (Campaign c) => ScenarioMatrix.Expand(c).Single().Id;
        Assert.Equal(id(without), id(none));
        Assert.Equal(4, new[] { id(none), id(one), id(other), id(soc) }.Distinct().Count());

        // stop_after_fault is part of the bench, so of every id.
        Assert.NotEqual(id(one), id(Load("x: {kind: stuck, channel: voltage, at: 300 s}", "stop_after_fault: 60 s\n")));
    }

    [Fact]
    public void TheSensorSuitesOriginalFaults_KeepTheirCanonicalText()
    {
        // The text older campaigns' ids were made of: Kind:Channel:At:Duration:Value.
        Assert.Equal("Stuck:Temperature:10:100:0", new FaultSpec(FaultKind.Stuck, SensorChannelId.Temperature, 10, 100, 0).Canonical());
        Assert.Equal("HeartbeatLoss:Voltage:60:30:0", new FaultSpec(FaultKind.HeartbeatLoss, SensorChannelId.Voltage, 60, 30, 0).Canonical());
        Assert.Equal("Offset:Voltage:0:Infinity:0.005", new FaultSpec(FaultKind.Offset, SensorChannelId.Voltage, 0, double.PositiveInfinity, 0.005).Canonical());
    }

    [Theory]
    [InlineData("x: {kind: stuk, channel: voltage, at: 1 s}", "faults.x.kind", "unknown fault kind (did you mean 'stuck'?)")]
    [InlineData("x: {kind: frames_lots, at: 1 s}", "faults.x.kind", "did you mean 'frames_lost'")]
    [InlineData("x: {kind: stuck, channel: voltage, at: 1 s, duration: -5 s}", "faults.x.duration", "a duration cannot be negative")]
    [InlineData("x: {kind: stuck, channel: voltage, at: 1 s, duration: 0 s}", "faults.x.duration", "out of range")]
    [InlineData("x: {kind: stuck, channel: voltage, at: 1 s, at_soc: 50 %}", "faults.x.at_soc", "not both")]
    [InlineData("x: {kind: drift, channel: voltage, at: 1 s}", "faults.x.rate", "a drift fault needs rate")]
    [InlineData("x: {kind: offset, channel: current, at: 1 s}", "faults.x.value", "an offset fault needs value")]
    [InlineData("x: {kind: stuck, at: 1 s}", "faults.x.channel", "a stuck fault needs channel")]
    [InlineData("x: {kind: internal_short, at: 1 s}", "faults.x.resistance", "needs resistance")]
    [InlineData("x: {kind: self_heating, at: 1 s}", "faults.x.power", "needs power")]
    [InlineData("x: {kind: frames_delayed, at: 1 s}", "faults.x.delay", "needs delay")]
    [InlineData("x: {kind: stage_overshoot, at: 1 s}", "faults.x.factor", "needs factor")]
    [InlineData("x: {kind: cooling_failure, at: 1 s}", "faults.x.fraction", "needs fraction")]
    [InlineData("x: {kind: stuck, channel: voltage, rate: 2 mV/s}", "faults.x.rate", "'rate' does not apply to a stuck fault")]
    [InlineData("x: {kind: stuck, channel: volts}", "faults.x.channel", "expected voltage, current, temperature or pressure")]
    [InlineData("x: {kind: drift, channel: voltage, rate: 2 mV}", "faults.x.rate", "a rate is a voltage per time")]
    [InlineData("x: {kind: drift, channel: voltage, rate: 2 A/s}", "faults.x.rate", "wrong unit 'A'")]
    [InlineData("x: {kind: frames_lost, message: CM_CellVoltageCurent}", "faults.x.message", "did you mean 'CM_CellVoltageCurrent'")]
    [InlineData("x: {kind: frames_lost, direction: upwards}", "faults.x.direction", "to_controller, to_power_stage or both")]
    [InlineData("x: {kind: self_heating, power: 2 V}", "faults.x.power", "expected a power")]
    [InlineData("x: {kind: internal_short, resistance: 0 Ohm}", "faults.x.resistance", "out of range")]
    [InlineData("x: {channel: voltage}", "faults.x.kind", "required key is missing")]
    [InlineData("x: [{kind: stuck, channel: voltage}, {kind: offset, channel: voltage}]", "faults.x[1].value", "needs value")]
    public void BadFaults_AreOneLineNamingFileLineAndField(string faults, string field, string problem)
    {
        var e = Fails(faults);
        Assert.Equal("f.yaml", e.File);
        Assert.Equal(field, e.Field);
        Assert.Equal(LineOf(faults), e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ASensorSuitesFaults_AreReadTheSameWay_WithTheirOldFieldPath()
    {
        var yaml = FaultCampaignFiles.With("none: []").Replace(
            "pressure: {noise: 50 Pa, quantisation: 10 Pa}",
            "pressure: {noise: 50 Pa, quantisation: 10 Pa}\n    faults:\n      - {kind: drift, channel: pressure, rate: 100 Pa/s, at: 5 s}",
            StringComparison.Ordinal);
        var c = CampaignLoader.Parse(yaml, "f.yaml", ".");
        Assert.Equal(FaultKind.Drift, c.Sensors[0].Faults.Single().Kind);
        var bad = Assert.Throws<CampaignException>(() => CampaignLoader.Parse(yaml.Replace("rate: 100 Pa/s", "rate: 100 Pa/lightyear", StringComparison.Ordinal), "f.yaml", "."));
        Assert.Equal("sensors.bench.faults.rate", bad.Field);
        Assert.Contains("not a time unit", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StopAfterFault_MustBePositive()
    {
        var e = Fails("none: []", "stop_after_fault: -1 s\n");
        Assert.Equal("stop_after_fault", e.Field);
    }

    [Fact]
    public void TheShippedFaultsCampaign_Loads_AndHasEveryKindOnce()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "hil-bench", "campaign-files", "faults.yaml");
        var c = CampaignLoader.Load(path);
        var kinds = c.FaultSets.SelectMany(s => s.Faults).Select(f => f.Kind).ToList();
        Assert.Equal(Enum.GetValues<FaultKind>().Order(), kinds.Order());
        Assert.Contains(c.FaultSets, s => s.Faults.Count == 0);
        Assert.Equal(120, c.StopAfterFault_s);
        Assert.Equal(64, ScenarioMatrix.Expand(c).Count);
    }
}
