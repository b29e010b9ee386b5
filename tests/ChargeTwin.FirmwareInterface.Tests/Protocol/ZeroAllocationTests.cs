using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Logs;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests.Protocol;

public sealed class ZeroAllocationTests
{
    private const int Iterations = 100_000;

    [Fact]
    public void EncodeAndDecode_OfSetpointAndStatus_AllocateNothing()
    {
        ChargerProtocol protocol = TestProtocol.Create();
        var supervisor = new E2ESupervisor(protocol.E2E, ["PS_Status"]);
        CanFrame setpointFrame = default;
        CanFrame statusFrame = default;
        double checksum = 0;

        void Cycle(int i)
        {
            var sp = new PowerStageSetpoint(i % 100, 4.2, (i & 1) == 0, PowerStageMode.ChargeCcCv, 50);
            protocol.EncodeSetpoint(sp, ref setpointFrame);
            checksum += protocol.DecodeSetpoint(setpointFrame.Payload).CurrentLimit_A;

            var st = new PowerStageStatus(i % 50, 3.8, PowerStageState.ConstantCurrent, PowerStageFaults.None, 310);
            protocol.EncodeStatus(st, ref statusFrame);
            statusFrame.TimestampNs = i * 10_000_000L;
            supervisor.OnFrame(statusFrame);
            checksum += protocol.DecodeStatus(statusFrame.Payload).OutputCurrent_A;
            supervisor.Check(statusFrame.TimestampNs);
        }

        for (int i = 0; i < 1000; i++)
        {
            Cycle(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Cycle(i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Iterations + 1000, supervisor.FramesAccepted);
        Assert.True(checksum > 0);
    }

    [Fact]
    public void LoopThreadPath_EncodeSendReceiveSuperviseAndRecord_AllocatesNothing()
    {
        ChargerProtocol host = TestProtocol.Create();
        ChargerProtocol powerStage = TestProtocol.Create();
        (InMemoryCanTransport hostEnd, InMemoryCanTransport stageEnd) = InMemoryCanTransport.CreatePair(64);
        var recorder = new CandumpRecorder("can0", 0, capacity: 1 << 18);
        long now = 0;
        var recorded = new RecordingCanTransport(hostEnd, recorder, () => now);
        var supervisor = new E2ESupervisor(host.E2E, ["PS_Status"]);
        CanFrame tx = default;

        void Period()
        {
            now += 10_000_000;
            host.EncodeSetpoint(new PowerStageSetpoint(10, 4.2, true, PowerStageMode.ChargeCcCv, 50), ref tx);
            tx.TimestampNs = now;
            recorded.TrySend(tx);
            stageEnd.TryReceive(out CanFrame sp);
            PowerStageSetpoint asked = powerStage.DecodeSetpoint(sp.Payload);
            CanFrame status = default;
            powerStage.EncodeStatus(new PowerStageStatus(asked.CurrentLimit_A, 3.9, PowerStageState.ConstantCurrent, PowerStageFaults.None, 300), ref status);
            status.TimestampNs = now;
            stageEnd.TrySend(status);
            while (recorded.TryReceive(out CanFrame rx))
            {
                supervisor.OnFrame(rx);
            }

            supervisor.Check(now);
        }

        for (int i = 0; i < 1000; i++)
        {
            Period();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50_000; i++)
        {
            Period();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(51_000, supervisor.FramesAccepted);
        Assert.Equal(0, recorder.Dropped);
    }
}
