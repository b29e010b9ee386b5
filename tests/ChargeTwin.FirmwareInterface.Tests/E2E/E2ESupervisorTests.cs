using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests.E2E;

public sealed class E2ESupervisorTests
{
    private const long Ms = 1_000_000;
    private static readonly PowerStageStatus s_status = new(10.0, 3.9, PowerStageState.ConstantCurrent, PowerStageFaults.None, 300.15);

    private readonly ChargerProtocol _powerStage = TestProtocol.Create();
    private readonly RecordingSink _sink = new();
    private readonly E2ESupervisor _supervisor;

    public E2ESupervisorTests()
    {
        _supervisor = new E2ESupervisor(_powerStage.E2E, ["PS_Status"], _sink);
    }

    [Fact]
    public void ConsecutiveStatusFrames_AreAccepted_AndTheLastPayloadIsKept()
    {
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(E2ECheck.Ok, _supervisor.OnFrame(Status(i * 10 * Ms)));
        }

        Assert.Equal(40, _supervisor.FramesAccepted);
        Assert.Equal(E2EMessageState.Valid, _supervisor.State(_powerStage.Status));
        Assert.Equal(s_status, _powerStage.DecodeStatus(_supervisor.LastValidPayload(_powerStage.Status)));
        Assert.Empty(_sink.Events);
    }

    [Fact]
    public void FlippedPayloadBit_IsACrcError_AndReportedToTheSafetyMonitor()
    {
        CanFrame f = Status(0);
        f.Data[3] ^= 0x10;

        Assert.Equal(E2ECheck.CrcError, _supervisor.OnFrame(f));
        Assert.Equal(1, _supervisor.Count(E2ECheck.CrcError));
        Assert.Equal(new CommFaultEvent(E2ECheck.CrcError, 0x180, false, _powerStage.Status.Index, 0), Assert.Single(_sink.Events));
        Assert.Equal(E2EMessageState.Invalid, _supervisor.State(_powerStage.Status));
    }

    [Fact]
    public void FrameOfAnotherMessageWithTheSamePayload_FailsBecauseTheDataIdDiffers()
    {
        CanFrame f = Status(0);
        f.Id = _powerStage.Setpoint.Id;

        Assert.Equal(E2ECheck.CrcError, _supervisor.OnFrame(f));
    }

    [Fact]
    public void RepeatedCounter_IsRejected_AndSmallGapCountsLostFrames_AndLargeJumpIsRejected()
    {
        Assert.Equal(E2ECheck.Ok, _supervisor.OnFrame(StatusWithCounter(3, 0)));
        Assert.Equal(E2ECheck.RepeatedCounter, _supervisor.OnFrame(StatusWithCounter(3, 10 * Ms)));
        Assert.Equal(E2ECheck.OkSomeLost, _supervisor.OnFrame(StatusWithCounter(5, 20 * Ms)));
        Assert.Equal(1, _supervisor.LostFrames);
        Assert.Equal(E2ECheck.CounterJump, _supervisor.OnFrame(StatusWithCounter(12, 30 * Ms)));
        Assert.Equal(E2ECheck.Ok, _supervisor.OnFrame(StatusWithCounter(13, 40 * Ms)));
        Assert.Equal(E2ECheck.Ok, _supervisor.OnFrame(StatusWithCounter(14, 50 * Ms)));
        Assert.Equal(E2ECheck.Ok, _supervisor.OnFrame(StatusWithCounter(0, 60 * Ms)));
    }

    [Fact]
    public void CounterFifteen_IsInvalid_EvenWithAGoodCrc()
    {
        CanFrame f = Status(0);
        E2EMessageConfig e2e = _powerStage.E2E.For(_powerStage.Status)!;
        e2e.Counter.SetRaw(f.Data, 15);
        f.Data[e2e.CrcByteIndex] = e2e.ComputeCrc(f.Payload);

        Assert.Equal(E2ECheck.InvalidCounter, _supervisor.OnFrame(f));
    }

    [Fact]
    public void WrongDlc_IsCounted()
    {
        CanFrame f = Status(0);
        f.Dlc = 7;

        Assert.Equal(E2ECheck.WrongDlc, _supervisor.OnFrame(f));
        Assert.Equal(1, _supervisor.Count(_powerStage.Status, E2ECheck.WrongDlc));
    }

    [Fact]
    public void UnknownId_RemoteFrame_AndImpossibleId_AreCountedSeparately()
    {
        Assert.Equal(E2ECheck.UnknownId, _supervisor.OnFrame(new CanFrame(0x123, [1, 2])));
        Assert.Equal(E2ECheck.UnknownId, _supervisor.OnFrame(new CanFrame(0x180, new byte[8], extended: true)));
        CanFrame remote = new(0x180, []) { Flags = CanFrameFlags.Remote };
        Assert.Equal(E2ECheck.NotDataFrame, _supervisor.OnFrame(remote));
        CanFrame tooLarge = new(0x800, []);
        Assert.Equal(E2ECheck.MalformedFrame, _supervisor.OnFrame(tooLarge));
        Assert.Equal(4, _supervisor.FramesRejected);
    }

    [Fact]
    public void StatusMissingForLongerThanItsTimeout_EntersTimeoutOnce_AndRecoversOnTheNextGoodFrame()
    {
        _supervisor.OnFrame(Status(0));
        Assert.Equal(0, _supervisor.Check(50 * Ms));
        Assert.Equal(E2EMessageState.Valid, _supervisor.State(_powerStage.Status));

        Assert.Equal(1, _supervisor.Check(50 * Ms + 1));
        Assert.Equal(1, _supervisor.Check(80 * Ms));
        Assert.Equal(1, _supervisor.Count(E2ECheck.Timeout));
        Assert.Equal(E2ECheck.Timeout, Assert.Single(_sink.Events).Check);

        _powerStage.SetNextCounter(_powerStage.Status, 9);
        Assert.Equal(E2ECheck.Ok, _supervisor.OnFrame(Status(90 * Ms)));
        Assert.Equal(0, _supervisor.Check(90 * Ms));
    }

    [Fact]
    public void SupervisedMessageThatNeverArrives_TimesOutOneTimeoutAfterStart()
    {
        _supervisor.Start(1000 * Ms);
        Assert.Equal(0, _supervisor.Check(1050 * Ms));
        Assert.Equal(E2EMessageState.NoData, _supervisor.State(_powerStage.Status));
        Assert.Equal(1, _supervisor.Check(1051 * Ms));
    }

    [Fact]
    public void UnsupervisedMessage_NeverTimesOut()
    {
        Assert.Equal(1, _supervisor.Check(10_000 * Ms));
        Assert.NotEqual(E2EMessageState.Timeout, _supervisor.State(_powerStage.CellVoltageCurrent));
    }

    [Fact]
    public void EveryTableRow_MatchesItsCheck()
    {
        Assert.Equal(Enum.GetValues<E2ECheck>().Length, E2EDiagnosisTable.Rows.Count);
        Assert.All(Enum.GetValues<E2ECheck>(), c => Assert.Equal(c, E2EDiagnosisTable.For(c).Check));
        Assert.Equal(E2EDiagnosisTable.Rows.Count, E2EDiagnosisTable.Rows.Select(r => r.Id).Distinct().Count());
    }

    private CanFrame Status(long timeNs)
    {
        CanFrame f = default;
        _powerStage.EncodeStatus(s_status, ref f);
        f.TimestampNs = timeNs;
        return f;
    }

    private CanFrame StatusWithCounter(int counter, long timeNs)
    {
        _powerStage.SetNextCounter(_powerStage.Status, counter);
        return Status(timeNs);
    }

    private sealed class RecordingSink : ICommFaultSink
    {
        public List<CommFaultEvent> Events { get; } = [];

        public void Report(in CommFaultEvent fault) => Events.Add(fault);
    }
}
