using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;

namespace ChargeTwin.FirmwareInterface.Tests.E2E;

/// <summary>
/// One million random frames (seeded): random format, identifier, DLC 0..15 and bytes, with a share
/// aimed at the protocol's identifiers so the CRC and counter checks are reached. Nothing may throw,
/// and every frame must land in exactly the bucket an independent classification predicts.
/// </summary>
public sealed class SupervisorFuzzTests
{
    private const int Frames = 1_000_000;

    [Fact]
    public void OneMillionRandomFrames_NoException_EveryBadFrameCounted()
    {
        DbcDatabase db = TestProtocol.Database;
        E2EConfiguration e2e = E2EConfiguration.FromDatabase(db);
        var supervisor = new E2ESupervisor(e2e, db.Messages.Select(m => m.Name));
        var expected = new long[Enum.GetValues<E2ECheck>().Length];
        uint[] protocolIds = db.Messages.Select(m => m.Id).ToArray();
        var rng = new Random(20261126);
        var bytes = new byte[8];
        double decodedSum = 0;
        long decoded = 0;

        for (int i = 0; i < Frames; i++)
        {
            CanFrame f = default;
            int kind = rng.Next(8);
            f.Flags = kind == 0 ? CanFrameFlags.Extended : kind == 1 ? CanFrameFlags.Remote : CanFrameFlags.None;
            f.Id = kind == 0 ? (uint)rng.Next(0, 0x4000_0000)
                : kind <= 3 ? (uint)rng.Next(0, 0x1000)
                : protocolIds[rng.Next(protocolIds.Length)];
            f.Dlc = (byte)(kind >= 6 ? 8 : rng.Next(16));
            rng.NextBytes(bytes);
            bytes.CopyTo(f.Data);
            f.TimestampNs = i * 100_000L;

            E2ECheck got = supervisor.OnFrame(f);

            // The decoder sees the same random bytes: every signal of a known identifier decodes without throwing.
            if (db.TryGetMessage(f.Id, f.IsExtended, out DbcMessage? known))
            {
                foreach (DbcSignal s in known.Signals)
                {
                    decodedSum += s.Decode(f.Payload);
                }

                decoded++;
            }

            E2ECheck predicted = Classify(db, e2e, f);
            if (predicted == E2ECheck.Ok)
            {
                // Counter verdicts depend on history; the independent part is "passed CRC and counter range".
                Assert.Contains(got, new[] { E2ECheck.Ok, E2ECheck.OkSomeLost, E2ECheck.RepeatedCounter, E2ECheck.CounterJump });
            }
            else
            {
                Assert.Equal(predicted, got);
            }

            expected[(int)got]++;
            if ((i & 0xFFF) == 0)
            {
                supervisor.Check(f.TimestampNs);
            }
        }

        Assert.Equal(Frames, supervisor.FramesSeen);
        Assert.True(decoded > Frames / 4, $"only {decoded} frames reached the decoder");
        Assert.False(double.IsNaN(decodedSum));
        Assert.Equal(Frames, supervisor.FramesAccepted + supervisor.FramesRejected);
        long countedFrames = Enum.GetValues<E2ECheck>().Where(c => c != E2ECheck.Timeout).Sum(supervisor.Count);
        Assert.Equal(Frames, countedFrames);
        foreach (E2ECheck c in Enum.GetValues<E2ECheck>().Where(c => c != E2ECheck.Timeout))
        {
            Assert.Equal(expected[(int)c], supervisor.Count(c));
        }

        // The mix reaches every frame-level check, including the ones behind a good CRC.
        foreach (E2ECheck c in new[] { E2ECheck.NotDataFrame, E2ECheck.MalformedFrame, E2ECheck.UnknownId, E2ECheck.WrongDlc, E2ECheck.CrcError, E2ECheck.InvalidCounter })
        {
            Assert.True(supervisor.Count(c) > 0, $"{c} never reached");
        }

        Assert.True(supervisor.FramesAccepted + supervisor.Count(E2ECheck.RepeatedCounter) + supervisor.Count(E2ECheck.CounterJump) > 100);
    }

    /// <summary>The frame-level verdict, worked out without the supervisor's code (bitwise CRC, own lookups).</summary>
    private static E2ECheck Classify(DbcDatabase db, E2EConfiguration e2e, CanFrame f)
    {
        if ((f.Flags & (CanFrameFlags.Remote | CanFrameFlags.Error)) != 0)
        {
            return E2ECheck.NotDataFrame;
        }

        bool ext = (f.Flags & CanFrameFlags.Extended) != 0;
        if (f.Id > (ext ? 0x1FFF_FFFFu : 0x7FFu))
        {
            return E2ECheck.MalformedFrame;
        }

        DbcMessage? m = db.Messages.FirstOrDefault(x => x.Id == f.Id && x.IsExtended == ext);
        if (m is null)
        {
            return f.Dlc > 8 ? E2ECheck.MalformedFrame : E2ECheck.UnknownId;
        }

        if (f.Dlc != m.Dlc)
        {
            return E2ECheck.WrongDlc;
        }

        E2EMessageConfig cfg = e2e.For(m)!;
        var input = new List<byte> { (byte)(cfg.DataId & 0xFF), (byte)(cfg.DataId >> 8) };
        for (int i = 0; i < m.Dlc; i++)
        {
            if (i != cfg.CrcByteIndex)
            {
                input.Add(f.Data[i]);
            }
        }

        if (ReferenceCrc.BitwiseJ1850(input.ToArray()) != f.Data[cfg.CrcByteIndex])
        {
            return E2ECheck.CrcError;
        }

        return cfg.Counter.GetRaw(f.Data) == 15 ? E2ECheck.InvalidCounter : E2ECheck.Ok;
    }
}
