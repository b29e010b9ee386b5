using ChargeTwin.Cells;
using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Tests.Faults;

/// <summary>Frame faults on the CAN link, seen by the receivers' E2E supervision.</summary>
public sealed class LinkFaultTests
{
    /// <summary>A CC-CV charge on the CAN link for <paramref name="seconds"/> with the faults given; returns the link.</summary>
    private static CanLink Run(string faults, int seconds, Func<IChargeController, IChargeController>? wrap = null)
    {
        var campaign = CampaignLoader.Parse(FaultCampaignFiles.With(faults), "f.yaml", ".");
        var scenario = ScenarioMatrix.Expand(campaign).Single();
        var timeline = new FaultTimeline(scenario.AllFaults);
        var plant = new CellSimulator(new DfnModel(new DfnParameters(CellLibrary.Load(scenario.Cell), null, scenario.Ambient_K, scenario.Ambient_K), campaign.Plant.ToModelOptions()), scenario.StartSoc);
        var sensors = new SensorModel(scenario.Sensors, 3, timeline);
        var capacity = plant.Model.Parameters.NominalCapacity_Ah;
        var stage = new PowerStageEmulator(new PowerStageRatings(2 * capacity, 4.2, 5, 5));
        IChargeController controller = new CcCvController((CcCvSpec)scenario.Controller, new ControllerContext(capacity, 2 * capacity, 4.2, 1, scenario.StartSoc, 0));
        controller = wrap?.Invoke(controller) ?? controller;
        var link = new CanLink(BenchProtocol.Database, controller, stage, plant, sensors, 0, 1, scenario.Ambient_K);
        for (var k = 0; k < seconds; k++)
        {
            var measured = sensors.Measure(plant.Sample(), k);
            link.Exchange(k, k, measured, timeline.ControllerHung(k));
            link.Advance(k, k, k + 1);
        }

        return link;
    }

    [Fact]
    public void WithoutFaults_NothingIsInjectedOrRejected()
    {
        var link = Run("none: []", 10);
        Assert.Equal((0L, 0L, 0L, 0L), link.InjectedFrames);
        Assert.Equal(0, link.Statistics.E2EErrors);
        Assert.Equal(0, link.Statistics.Timeouts);
    }

    [Fact]
    public void LostFrames_MakeTheControllersSupervisorCountTimeouts_AndTheOutputGoOff()
    {
        var link = Run("x: {kind: frames_lost, direction: to_controller, message: CM_CellVoltageCurrent, at: 5 s, duration: 2 s}", 10);
        Assert.True(link.InjectedFrames.Dropped >= 199, $"{link.InjectedFrames}");
        var supervisor = link.Controller.Supervisor;
        Assert.Equal(1, supervisor.Count(link.Controller.Protocol.CellVoltageCurrent, E2ECheck.Timeout));
        Assert.Equal(0, link.PowerStage.Supervisor.Count(E2ECheck.Timeout));

        // Afterwards frames flow again: the counter's jump is a counter error once, then all is well.
        Assert.True(link.Controller.Setpoint.Enable);
    }

    [Fact]
    public void ACorruptedCrc_IsCountedAsCrcError_ByThePowerStage()
    {
        var link = Run("x: {kind: frames_corrupted, direction: to_power_stage, message: PS_Setpoint, at: 5 s, duration: 1 s}", 8);
        var corrupted = link.InjectedFrames.Corrupted;
        Assert.InRange(corrupted, 50, 52); // every 20 ms for 1 s
        Assert.Equal(corrupted, link.PowerStage.Supervisor.Count(E2ECheck.CrcError));
        Assert.Equal(0, link.Controller.Supervisor.Count(E2ECheck.CrcError));

        // No valid setpoint for 1 s: the stage's own 60 ms timeout cuts its output.
        Assert.True(link.PowerStage.Supervisor.Count(E2ECheck.Timeout) >= 1);
    }

    [Fact]
    public void AReplayedFrame_IsCountedAsRepeatedCounter_ByTheController()
    {
        var link = Run("x: {kind: frames_replayed, direction: to_controller, message: CM_CellTemperaturePressure, at: 5 s, duration: 1 s}", 8);
        var replayed = link.InjectedFrames.Replayed;
        Assert.InRange(replayed, 99, 101); // every 10 ms for 1 s
        var supervisor = link.Controller.Supervisor;
        var message = link.Controller.Protocol.CellTemperaturePressure;
        var repeated = supervisor.Count(message, E2ECheck.RepeatedCounter);

        // Rejected, the message times out; the supervisor then resynchronises on the next frame — the replayed one,
        // accepted once — and rejects the rest again: so a little fewer than all are counted as repeated.
        Assert.True(repeated >= 0.8 * replayed && repeated < replayed, $"{repeated} of {replayed}");
        Assert.True(supervisor.Count(message, E2ECheck.Timeout) >= 1);
    }

    [Fact]
    public void DelayedFrames_ArriveLate_AndTheGapTimesOut()
    {
        var link = Run("x: {kind: frames_delayed, direction: to_controller, message: CM_CellVoltageCurrent, delay: 200 ms, at: 5 s}", 9);
        Assert.InRange(link.InjectedFrames.Delayed, 399, 401);

        // The first 200 ms after the onset bring no CM_CellVoltageCurrent: one timeout; then the late frames are accepted.
        var supervisor = link.Controller.Supervisor;
        Assert.Equal(1, supervisor.Count(link.Controller.Protocol.CellVoltageCurrent, E2ECheck.Timeout));
        Assert.True(supervisor.Count(link.Controller.Protocol.CellVoltageCurrent, E2ECheck.Ok) > 800);
    }

    [Fact]
    public void TheLinksVerdict_IsTheMonitoredControllersOwn_AndNominalForOneWithoutAMonitor()
    {
        var plain = Run("x: {kind: open_circuit, channel: temperature, at: 5.5 s}", 8);
        Assert.Equal(SafetyVerdict.Nominal, plain.Verdict);

        var monitored = Run("x: {kind: open_circuit, channel: temperature, at: 5.5 s}", 8, c => new MonitoredController(c));
        Assert.Equal("SM-T-OPEN", monitored.Verdict.DiagnosisId);
        Assert.Equal(SafetyReaction.Stop, monitored.Verdict.Reaction);
    }

    /// <summary>A controller with a one-row safety monitor of its own: a temperature below −30 °C is an open sensor.</summary>
    private sealed class MonitoredController(IChargeController inner) : IChargeController, ISafetyMonitor
    {
        public string Name => inner.Name;

        public SafetyVerdict Verdict { get; private set; } = SafetyVerdict.Nominal;

        public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
        {
            if (measured.Temperature_K < 243.15)
            {
                Verdict = new SafetyVerdict(SafetyReaction.Stop, 0, "SM-T-OPEN", "temperature below −30 °C: open sensor", 1);
            }

            return Verdict.IsNominal ? inner.Step(measured, chargeTime_s) : Setpoint.Off(Verdict.Cause);
        }

        public SafetyVerdict Tick(in SafetyInputs inputs) => Verdict;

        public void Reset() => Verdict = SafetyVerdict.Nominal;
    }
}
