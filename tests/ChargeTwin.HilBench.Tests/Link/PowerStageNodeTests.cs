using ChargeTwin.Controller.Contract;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.PowerStage;

namespace ChargeTwin.HilBench.Tests.Link;

/// <summary>The power stage's end of the protocol, as its firmware's timing contract says (firmware-interface/README.md).</summary>
public sealed class PowerStageNodeTests
{
    private const long Tick = 10_000_000L;

    private sealed class Bus
    {
        private readonly ChargerProtocol _controller = ChargerProtocol.LoadDefault();
        private readonly ChargerProtocol _reader = ChargerProtocol.LoadDefault();
        private readonly InMemoryCanTransport _controllerEnd;
        private readonly InMemoryCanTransport _stageEnd;
        private CanFrame _frame;

        public Bus()
        {
            (_controllerEnd, _stageEnd) = InMemoryCanTransport.CreatePair(1024);
            Stage = new PowerStageNode(ChargerProtocol.LoadDefault(), _stageEnd, new PowerStageEmulator(new PowerStageRatings(15, 4.2, 5, 3)), 300);
            Stage.Start(0);
        }

        public PowerStageNode Stage { get; }

        public PowerStageStatus LastStatus { get; private set; }

        public void Setpoint(long nowNs, double current_A, bool corrupt = false)
        {
            _controller.EncodeSetpoint(new PowerStageSetpoint(current_A, 4.2, true, PowerStageMode.ChargeCcCv, 5), ref _frame);
            if (corrupt)
            {
                _frame.Data[2] ^= 0x01;
            }

            Send(nowNs);
        }

        public void Heartbeat(long nowNs)
        {
            _controller.EncodeControllerHeartbeat(new Heartbeat(NodeState.Operational, 0, 1, 0), ref _frame);
            Send(nowNs);
        }

        public bool Poll(long nowNs)
        {
            var changed = Stage.Poll(nowNs);
            Stage.Send(nowNs, new MeasuredSample(nowNs / 1e9, 3.9, 2, 300, 1e5));
            while (_controllerEnd.TryReceive(out var f))
            {
                if (f.Id == _reader.Status.Id)
                {
                    LastStatus = _reader.DecodeStatus(f.Payload);
                }
            }

            return changed;
        }

        private void Send(long nowNs)
        {
            _frame.TimestampNs = nowNs;
            _controllerEnd.TrySend(_frame);
        }
    }

    [Fact]
    public void AValidSetpoint_IsTheCommand_ARejectedOneLeavesItInForce_AndSetsTheInvalidFault()
    {
        var bus = new Bus();
        Assert.False(bus.Poll(0));
        Assert.Equal(PowerStageCommand.Off, bus.Stage.Command);

        bus.Heartbeat(0);
        bus.Setpoint(0, 3.0);
        Assert.True(bus.Poll(0));
        Assert.Equal(new PowerStageCommand(3.0, 4.2, true, 5.0), bus.Stage.Command);

        bus.Setpoint(2 * Tick, 6.0, corrupt: true);
        Assert.False(bus.Poll(2 * Tick));
        Assert.Equal(3.0, bus.Stage.Command.CurrentLimit_A);
        Assert.Equal(PowerStageFaults.SetpointInvalid, bus.LastStatus.Faults);
        Assert.Equal(1, bus.Stage.Supervisor.Count(E2ECheck.CrcError));

        bus.Setpoint(4 * Tick, 6.0);
        Assert.True(bus.Poll(4 * Tick));
        Assert.Equal(6.0, bus.Stage.Command.CurrentLimit_A);
        Assert.Equal(PowerStageFaults.None, bus.LastStatus.Faults);
    }

    [Fact]
    public void NoValidSetpointFor60Ms_TurnsTheOutputOff_WithSafeRampDownAndTheTimeoutFault()
    {
        var bus = new Bus();
        bus.Heartbeat(0);
        bus.Setpoint(0, 3.0);
        bus.Poll(0);
        for (var k = 1; k <= 6; k++)
        {
            Assert.False(bus.Poll(k * Tick));
            Assert.True(bus.Stage.Command.Enable, $"still on at {k * 10} ms");
        }

        Assert.True(bus.Poll(7 * Tick));
        Assert.Equal(PowerStageCommand.Off, bus.Stage.Command);
        Assert.True(bus.Stage.TimedOut);
        Assert.Equal(PowerStageState.SafeRampDown, bus.LastStatus.State);
        Assert.Equal(PowerStageFaults.SetpointTimeout, bus.LastStatus.Faults);
    }
}
