using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Link;
using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.Controller.Tests.Link;

/// <summary>
/// The controller's end of the CAN protocol against a scripted charger end (the bench's front end and power stage,
/// written out here with the same protocol codec): what the controller receives, when it decides, what it sends.
/// </summary>
public sealed class ChargerLinkTests
{
    private const long Tick = 10_000_000L;
    private const long Second = 1_000_000_000L;

    /// <summary>Asks for 2 A at 4.2 V and remembers what it was given.</summary>
    private sealed class Recording : IChargeController
    {
        public List<(MeasuredSample Sample, double ChargeTime)> Steps { get; } = [];

        public bool Record { get; set; } = true;

        public int Calls { get; private set; }

        public double Current_A { get; set; } = 2;

        public string Name => "recording";

        public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
        {
            Calls++;
            if (Record)
            {
                Steps.Add((measured, chargeTime_s));
            }

            return new Setpoint(Current_A, 4.2, true, "asks for a fixed current");
        }
    }

    /// <summary>The charger's end of the bus: sends measurements, status and heartbeats; reads setpoints and delivers the last one (up to 2 A, no ramp).</summary>
    private sealed class ChargerEnd(InMemoryCanTransport transport)
    {
        private readonly ChargerProtocol _frontEnd = ChargerProtocol.LoadDefault();
        private readonly ChargerProtocol _stage = ChargerProtocol.LoadDefault();
        private CanFrame _a, _b, _frame;
        private double _delivered_A;

        public List<PowerStageSetpoint> Setpoints { get; } = [];

        public bool Record { get; set; } = true;

        public int Status { get; set; }

        public bool SendMeasurements { get; set; } = true;

        public bool CorruptNextMeasurement { get; set; }

        public void Send(long nowNs, double voltage_V, bool heartbeat)
        {
            if (SendMeasurements)
            {
                _frontEnd.EncodeCellMeasurement(new CellMeasurement(voltage_V, _delivered_A, 298.15, 1000, 1.05e5), ref _a, ref _b, 0, Status);
                if (CorruptNextMeasurement)
                {
                    _a.Data[3] ^= 0x10;
                    CorruptNextMeasurement = false;
                }

                Put(ref _a, nowNs);
                Put(ref _b, nowNs);
            }

            _stage.EncodeStatus(new PowerStageStatus(_delivered_A, voltage_V, _delivered_A > 0 ? PowerStageState.ConstantCurrent : PowerStageState.Standby, PowerStageFaults.None, 300), ref _frame);
            Put(ref _frame, nowNs);
            if (heartbeat)
            {
                _stage.EncodePowerStageHeartbeat(new Heartbeat(NodeState.Operational, 1, 1, 0), ref _frame);
                Put(ref _frame, nowNs);
            }
        }

        public void Read()
        {
            while (transport.TryReceive(out var f))
            {
                if (f.Id == _stage.Setpoint.Id)
                {
                    var setpoint = _stage.DecodeSetpoint(f.Payload);
                    _delivered_A = setpoint.Enable ? Math.Min(setpoint.CurrentLimit_A, 2.0) : 0;
                    if (Record)
                    {
                        Setpoints.Add(setpoint);
                    }
                }
            }
        }

        private void Put(ref CanFrame f, long nowNs)
        {
            f.TimestampNs = nowNs;
            transport.TrySend(f);
        }
    }

    private static (ChargerLink Link, ChargerEnd Charger, Recording Controller) Make(long periodNs = Second, ISafetyMonitor? monitor = null)
    {
        var (host, charger) = InMemoryCanTransport.CreatePair(4096);
        var controller = new Recording();
        var link = new ChargerLink(ChargerProtocol.LoadDefault(), host, controller, new ChargerLinkOptions(periodNs, RampRate_APerS: 5), monitor);
        link.Start(0);
        return (link, new ChargerEnd(charger), controller);
    }

    private static void Run(ChargerLink link, ChargerEnd charger, long fromTick, long toTick, Func<long, double>? voltage = null)
    {
        for (var k = fromTick; k < toTick; k++)
        {
            var now = k * Tick;
            charger.Send(now, voltage?.Invoke(now) ?? 3.7, k % 10 == 0);
            link.Tick(now);
            charger.Read();
        }
    }

    [Fact]
    public void Controller_StepsOncePerPeriod_OnTheDecodedMeasurement_AndSetpointsGoOutEvery20Ms()
    {
        var (link, charger, controller) = Make();
        Run(link, charger, 0, 300, now => 3.7 + (now / (double)Second * 0.01));

        // 3 s at a 1 s period: steps at 0, 1 and 2 s, each on the frames of that very tick (sample age 0).
        Assert.Equal([0.0, 1.0, 2.0], controller.Steps.Select(s => s.ChargeTime));
        Assert.Equal([0.0, 1.0, 2.0], controller.Steps.Select(s => s.Sample.Time_s));

        // CM1_CellVoltage is 0.1 mV per bit: 3.71 V arrives as 3.7100 V.
        Assert.Equal(3.71, controller.Steps[1].Sample.Voltage_V, 4);
        Assert.Equal(2.0, controller.Steps[1].Sample.Current_A, 3);
        Assert.Equal(298.15, controller.Steps[1].Sample.Temperature_K, 2);
        Assert.Equal(1.05e5, controller.Steps[1].Sample.StackPressure_Pa, 0);

        // One setpoint per 20 ms cycle: 150 in 3 s, each the controller's 2 A / 4.2 V, enabled, at the ramp asked.
        Assert.Equal(150, charger.Setpoints.Count);
        Assert.All(charger.Setpoints, s => Assert.Equal(new PowerStageSetpoint(2.0, 4.2, true, PowerStageMode.ChargeCcCv, 5.0), s));
        Assert.Equal(0, link.Supervisor.FramesRejected);
        Assert.Equal(0, link.RangeErrors);
    }

    [Fact]
    public void WhenTheMeasurementTimesOut_TheOutputGoesOff_WithTheMessageInTheReason_AndComesBackWithTheFrames()
    {
        var (link, charger, controller) = Make();
        Run(link, charger, 0, 150);
        charger.SendMeasurements = false;
        Run(link, charger, 150, 250);

        // Steps at 0 and 1 s; CM_CellVoltageCurrent's timeout is 50 ms, so at 2 s (500 ms after the last frame) the
        // controller is not asked and the link says why.
        Assert.Equal(2, controller.Steps.Count);
        Assert.False(link.Setpoint.Enable);
        Assert.Equal("no valid CM_CellVoltageCurrent for 50 ms: output off", link.Setpoint.Reason);
        Assert.False(charger.Setpoints[^1].Enable);
        Assert.Equal(2, link.Supervisor.Count(E2ECheck.Timeout));

        charger.SendMeasurements = true;
        Run(link, charger, 250, 350);
        Assert.Equal(3, controller.Steps.Count);
        Assert.True(link.Setpoint.Enable);
    }

    [Fact]
    public void ACorruptedMeasurementFrame_IsRejected_AndTheControllerReadsTheLastValidOne()
    {
        var (link, charger, controller) = Make();
        Run(link, charger, 0, 99, _ => 3.8);
        charger.CorruptNextMeasurement = true;
        Run(link, charger, 99, 100, _ => 3.95);
        charger.SendMeasurements = false;
        Run(link, charger, 100, 101);

        // The frame of 0.99 s (3.95 V) failed its CRC; none came at 1 s; 20 ms after the last valid one (0.98 s) the
        // message is not timed out yet, so the 1 s step reads the 0.98 s frame: 3.8 V, stamped 0.98 s.
        Assert.Equal(1, link.Supervisor.Count(E2ECheck.CrcError));
        Assert.Equal(E2EMessageState.Invalid, link.Supervisor.State(link.Protocol.CellVoltageCurrent));
        Assert.Equal(2, controller.Steps.Count);
        Assert.Equal(3.8, controller.Steps[1].Sample.Voltage_V, 4);
        Assert.Equal(0.98, controller.Steps[1].Sample.Time_s, 9);
    }

    [Fact]
    public void AFrontEndThatReportsABadChannel_TurnsTheOutputOff()
    {
        var (link, charger, controller) = Make();
        charger.Status = 2;
        Run(link, charger, 0, 50);
        Assert.Empty(controller.Steps);
        Assert.False(link.Setpoint.Enable);
        Assert.Contains("bad channel", link.Setpoint.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASetpointOutsideTheDbcRange_IsAVisibleError_AndGoesOutAsOutputOff_NotClipped()
    {
        var (link, charger, controller) = Make();
        controller.Current_A = 400;
        Run(link, charger, 0, 10);

        Assert.True(link.RangeErrors > 0);
        Assert.Equal("PS_Setpoint.SP_CurrentLimit = 400 A does not fit the DBC range [-300|300] at 0 s", link.FirstRangeError);
        Assert.All(charger.Setpoints, s => Assert.False(s.Enable));
        Assert.All(charger.Setpoints, s => Assert.Equal(0, s.CurrentLimit_A));
    }

    [Fact]
    public void Tick_AllocatesNothing_InSteadyState()
    {
        // A control step every tick (period = tick), so the controller runs each time too.
        var (link, charger, controller) = Make(periodNs: Tick);
        Run(link, charger, 0, 2000);
        controller.Record = false;
        charger.Record = false;
        var calls = controller.Calls;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 2000L; k < 22_000L; k++)
        {
            charger.Send(k * Tick, 3.7, k % 10 == 0);
            link.Tick(k * Tick);
            charger.Read();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(calls + 20_000, controller.Calls);
        Assert.Equal(0, link.Supervisor.FramesRejected);
    }

    [Fact]
    public void WithTheSafetyMonitor_ANominalChargeKeepsTheControllersSetpoint_AndTheVerdictNominal()
    {
        var (link, charger, _) = Make(monitor: new SafetyMonitor());
        Run(link, charger, 0, 6000, now => 3.7 + (now / (double)Second * 0.001));

        Assert.True(link.Verdict.IsNominal, link.Verdict.Cause);
        Assert.True(link.Setpoint.Enable);
        Assert.Equal(2.0, charger.Setpoints[^1].CurrentLimit_A, 3);
        Assert.Equal(3.7 + 59.99 * 0.001, link.SafetyInputs.CellVoltage_V, 4);
        Assert.Equal(2.0, link.SafetyInputs.OutputCurrent_A, 2);
    }

    [Fact]
    public void WithTheSafetyMonitor_AnOverVoltageTurnsTheOutputOffBetweenControlPeriods_WithinItsRowsFtti()
    {
        var monitor = new SafetyMonitor();
        var (link, charger, controller) = Make(monitor: monitor);
        Run(link, charger, 0, 120);
        var steps = controller.Calls;
        var sent = charger.Setpoints.Count;

        // From 1.2 s the cell reads 4.35 V: above SM-01 (stop) and SM-02 (emergency stop). The next control step is
        // at 2 s; the monitor must not wait for it.
        Run(link, charger, 120, 180, _ => 4.35);

        Assert.Equal(steps, controller.Calls);
        Assert.Equal(SafetyReaction.EmergencyStop, link.Verdict.Reaction);
        Assert.Equal("SM-02", link.Verdict.DiagnosisId);
        Assert.False(link.Setpoint.Enable);
        Assert.Equal(link.Verdict.Cause, link.Setpoint.Reason);
        var firstOff = charger.Setpoints.FindIndex(sent, s => !s.Enable);
        Assert.True(firstOff >= 0);
        var row = monitor.Table.Rows[monitor.Table.IndexOf("SM-02")];
        var activeSince = monitor.RowStatus[monitor.Table.IndexOf("SM-02")].ActiveSinceNs!.Value;
        Assert.InRange(activeSince - (120 * Tick), 0, row.FttiNs);

        // Latched: the voltage comes back, the output stays off until the operator's reset.
        Run(link, charger, 180, 400, _ => 3.9);
        Assert.False(link.Setpoint.Enable);
        monitor.Reset();
        Run(link, charger, 400, 450, _ => 3.9);
        Assert.True(link.Setpoint.Enable, link.Setpoint.Reason);
    }

    [Fact]
    public void WithTheSafetyMonitor_TickStillAllocatesNothing_InSteadyState()
    {
        var (link, charger, controller) = Make(periodNs: Tick, monitor: new SafetyMonitor());
        Run(link, charger, 0, 2000);
        controller.Record = false;
        charger.Record = false;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 2000L; k < 22_000L; k++)
        {
            charger.Send(k * Tick, 3.7, k % 10 == 0);
            link.Tick(k * Tick);
            charger.Read();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(link.Verdict.IsNominal, link.Verdict.Cause);
    }
}
