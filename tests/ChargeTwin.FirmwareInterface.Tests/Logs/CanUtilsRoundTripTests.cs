using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Logs;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Tests.Logs;

/// <summary>Our logs through the real can-utils: log2asc to Vector ASC and asc2log back.</summary>
public sealed class CanUtilsRoundTripTests
{
    private const long Ms = 1_000_000;
    private const long Unix2025 = 1_735_689_600L * 1_000_000_000;

    [Fact]
    public void RecordedTraffic_SurvivesLog2AscAndAsc2Log_FrameForFrame()
    {
        string dir = ExternalTool.TempDirectory("canutils");
        string ours = Path.Combine(dir, "ours.log");
        string asc = Path.Combine(dir, "ours.asc");
        string back = Path.Combine(dir, "back.log");
        List<CanFrame> sent = RecordTraffic(ours);

        var toAsc = ExternalTool.Run("log2asc", ["-I", ours, "-O", asc, "can0"]);
        Assert.True(toAsc.ExitCode == 0, $"log2asc failed: {toAsc.StdErr}");
        string[] ascLines = File.ReadAllLines(asc);
        Assert.Equal(sent.Count, ascLines.Count(l => l.Contains(" Rx ", StringComparison.Ordinal)));
        Assert.Contains(ascLines, l => l.Contains("18DAF110x", StringComparison.Ordinal));

        var toLog = ExternalTool.Run("asc2log", ["-I", asc, "-O", back]);
        Assert.True(toLog.ExitCode == 0, $"asc2log failed: {toLog.StdErr}");
        CandumpLog original = CandumpLogReader.ReadFile(ours);
        CandumpLog roundTripped = CandumpLogReader.ReadFile(back);

        Assert.Empty(original.Errors);
        Assert.Empty(roundTripped.Errors);
        Assert.Equal(sent.Count, roundTripped.Records.Count);
        for (int i = 0; i < sent.Count; i++)
        {
            CanFrame a = original.Records[i].Frame;
            CanFrame b = roundTripped.Records[i].Frame;
            Assert.Equal((a.Id, a.Flags, a.Dlc), (b.Id, b.Flags, b.Dlc));
            Assert.Equal(a.Data.ToArray(), b.Data.ToArray());
            Assert.Equal("can0", roundTripped.Records[i].Interface);

            // ASC keeps microseconds relative to the first frame; asc2log picks its own start date.
            long dOriginal = original.Records[i].UnixTimeNs - original.Records[0].UnixTimeNs;
            long dBack = roundTripped.Records[i].UnixTimeNs - roundTripped.Records[0].UnixTimeNs;
            Assert.Equal(dOriginal / 1000, dBack / 1000);
        }
    }

    [Fact]
    public void RoundTrippedProtocolFrames_StillPassE2ESupervision()
    {
        string dir = ExternalTool.TempDirectory("canutils-e2e");
        string ours = Path.Combine(dir, "ours.log");
        RecordTraffic(ours);
        Assert.Equal(0, ExternalTool.Run("log2asc", ["-I", ours, "-O", ours + ".asc", "can0"]).ExitCode);
        Assert.Equal(0, ExternalTool.Run("asc2log", ["-I", ours + ".asc", "-O", ours + ".back"]).ExitCode);

        CandumpLog log = CandumpLogReader.ReadFile(ours + ".back");
        ChargerProtocol protocol = TestProtocol.Create();
        var supervisor = new E2ESupervisor(protocol.E2E, []);
        int protocolFrames = 0;
        foreach (CandumpRecord r in log.Records)
        {
            if (protocol.Database.TryGetMessage(r.Frame.Id, r.Frame.IsExtended, out _))
            {
                protocolFrames++;
                Assert.Equal(E2ECheck.Ok, supervisor.OnFrame(r.Frame));
            }
        }

        Assert.Equal(4 * 50, protocolFrames);
    }

    [Fact]
    public void Replay_SendsFramesAtTheirRecordedOffsets_OnAVirtualClock()
    {
        string path = Path.Combine(ExternalTool.TempDirectory("replay"), "r.log");
        List<CanFrame> sent = RecordTraffic(path);
        var replay = new CandumpReplay(CandumpLogReader.ReadFile(path).Records);
        (InMemoryCanTransport tx, InMemoryCanTransport rx) = InMemoryCanTransport.CreatePair(4096);

        Assert.Equal(1, replay.SendDue(0, tx, replayStartNs: 5_000 * Ms));
        Assert.Equal(0, replay.SendDue(3 * Ms, tx, replayStartNs: 5_000 * Ms));
        Assert.Equal(1, replay.SendDue((3 * Ms) + 11_000, tx, replayStartNs: 5_000 * Ms));
        Assert.Equal(2, replay.SendDue(9 * Ms, tx, replayStartNs: 5_000 * Ms));
        int total = 4;
        for (long t = 10 * Ms; !replay.Finished; t += 10 * Ms)
        {
            total += replay.SendDue(t, tx, replayStartNs: 5_000 * Ms);
        }

        Assert.Equal(sent.Count, total);
        var received = new List<CanFrame>();
        while (rx.TryReceive(out CanFrame f))
        {
            received.Add(f);
        }

        Assert.Equal(sent.Select(f => f.Id), received.Select(f => f.Id));
        Assert.Equal(5_000 * Ms + (sent[^1].TimestampNs - sent[0].TimestampNs), received[^1].TimestampNs);
    }

    /// <summary>
    /// A power stage and a controller talking for one second of virtual time through a recording transport:
    /// setpoints and heartbeats out, status and cell frames in, plus an extended, an empty and a remote frame.
    /// </summary>
    private static List<CanFrame> RecordTraffic(string path)
    {
        ChargerProtocol controller = TestProtocol.Create();
        ChargerProtocol field = TestProtocol.Create();
        (InMemoryCanTransport hostEnd, InMemoryCanTransport fieldEnd) = InMemoryCanTransport.CreatePair(4096);
        var recorder = new CandumpRecorder("can0", Unix2025);
        long now = 0;
        var host = new RecordingCanTransport(hostEnd, recorder, () => now);
        var sent = new List<CanFrame>();

        void Send(ICanTransport t, CanFrame f)
        {
            f.TimestampNs = now;
            Assert.True(t.TrySend(f));
            if (t == fieldEnd)
            {
                Assert.True(host.TryReceive(out _));
            }

            sent.Add(f);
        }

        for (int i = 0; i < 50; i++)
        {
            now = (i * 20 * Ms) + 137_000;
            CanFrame f = default, g = default;
            controller.EncodeSetpoint(new PowerStageSetpoint(i * 1.5, 4.2, true, PowerStageMode.ChargeCcCv, 100), ref f);
            Send(host, f);
            now += 3 * Ms + 11_000;
            field.EncodeStatus(new PowerStageStatus(i * 1.49, 3.6 + (i * 0.01), PowerStageState.ConstantCurrent, PowerStageFaults.None, 310), ref f);
            Send(fieldEnd, f);
            now += 1 * Ms;
            field.EncodeCellMeasurement(new CellMeasurement(3.6 + (i * 0.01), i * 1.49, 300, 1200, 250_000), ref f, ref g);
            Send(fieldEnd, f);
            now += 1000;
            Send(fieldEnd, g);
        }

        now += 5 * Ms;
        Send(host, new CanFrame(0x18DAF110, [0x02, 0x10, 0x03], extended: true));
        now += 5 * Ms;
        Send(host, new CanFrame(0x7DF, []));
        now += 5 * Ms;
        Send(host, new CanFrame(0x123, []) { Flags = CanFrameFlags.Remote });

        using (var writer = new StreamWriter(path))
        {
            Assert.Equal(sent.Count, recorder.DrainTo(writer));
        }

        Assert.Equal(0, recorder.Dropped);
        return sent;
    }
}
