using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;

namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>
/// Receiver-side supervision of every frame: identifier, DLC, CRC, alive counter, and per-message timeouts.
/// Bad frames are counted (and reported to an <see cref="ICommFaultSink"/>), never thrown. Runs on the loop
/// thread: <see cref="OnFrame"/> and <see cref="Check"/> allocate nothing and take no lock.
/// </summary>
/// <remarks>
/// Counter rule (profile 1 style): with the last accepted counter c0 and the new counter c,
/// delta = (c - c0) mod 15. delta 1 is normal; 2..(1 + MaxLostFrames) is accepted with lost frames counted;
/// 0 is a repeated frame; anything larger is a jump. A rejected jump resynchronises: the next frame
/// one step after the jumped counter is accepted again. The first frame, and the first after a timeout,
/// is accepted as it is.
/// </remarks>
public sealed class E2ESupervisor
{
    private static readonly int s_checkCount = Enum.GetValues<E2ECheck>().Length;

    private readonly E2EConfiguration _config;
    private readonly DbcDatabase _db;
    private readonly ICommFaultSink? _sink;
    private readonly int _maxLostFrames;
    private readonly bool[] _supervised;
    private readonly long[] _totals;
    private readonly long[] _perMessage;
    private readonly MessageTrack[] _tracks;
    private readonly byte[] _lastGood;
    private long _startNs;

    /// <summary>Creates a supervisor.</summary>
    /// <param name="config">Protocol configuration from the DBC.</param>
    /// <param name="supervisedMessages">Names of the messages whose absence is a fault (timeouts apply to these only).</param>
    /// <param name="sink">Receiver of fault events, or null to only count.</param>
    /// <param name="maxLostFrames">How many lost frames a counter gap may show and still be accepted.</param>
    /// <param name="startNs">Supervision start: a supervised message that never arrives times out one timeout after this.</param>
    public E2ESupervisor(E2EConfiguration config, IEnumerable<string> supervisedMessages, ICommFaultSink? sink = null, int maxLostFrames = 1, long startNs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLostFrames);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLostFrames, E2EMessageConfig.CounterModulo - 3);
        _config = config;
        _db = config.Database;
        _sink = sink;
        _maxLostFrames = maxLostFrames;
        int n = _db.Messages.Count;
        _supervised = new bool[n];
        _tracks = new MessageTrack[n];
        _perMessage = new long[n * s_checkCount];
        _totals = new long[s_checkCount];
        _lastGood = new byte[n * CanPayload.Capacity];
        foreach (string name in supervisedMessages)
        {
            DbcMessage m = _db.Message(name);
            if (config.For(m) is null)
            {
                throw new ArgumentException($"message {name} has no E2E protection and timeout in {_db.FileName}", nameof(supervisedMessages));
            }

            _supervised[m.Index] = true;
        }

        _startNs = startNs;
    }

    /// <summary>Frames handed to <see cref="OnFrame"/>.</summary>
    public long FramesSeen { get; private set; }

    /// <summary>Frames accepted (<see cref="E2ECheck.Ok"/> + <see cref="E2ECheck.OkSomeLost"/>).</summary>
    public long FramesAccepted => _totals[(int)E2ECheck.Ok] + _totals[(int)E2ECheck.OkSomeLost];

    /// <summary>Frames rejected, whatever the reason. FramesAccepted + FramesRejected == FramesSeen.</summary>
    public long FramesRejected => FramesSeen - FramesAccepted;

    /// <summary>Frames lost according to counter gaps of accepted frames.</summary>
    public long LostFrames { get; private set; }

    /// <summary>How often a check fired, over all messages (timeouts count entries into timeout).</summary>
    public long Count(E2ECheck check) => _totals[(int)check];

    /// <summary>How often a check fired for one message.</summary>
    public long Count(DbcMessage message, E2ECheck check) => _perMessage[(message.Index * s_checkCount) + (int)check];

    /// <summary>Restarts the start-up grace, e.g. when the loop starts after configuration.</summary>
    public void Start(long nowNs) => _startNs = nowNs;

    /// <summary>Freshness of a message as of the last <see cref="OnFrame"/> / <see cref="Check"/>.</summary>
    public E2EMessageState State(DbcMessage message) => _tracks[message.Index].State;

    /// <summary>When the message was last accepted (ns), or null.</summary>
    public long? LastValidNs(DbcMessage message)
        => _tracks[message.Index].HasValid ? _tracks[message.Index].LastValidNs : null;

    /// <summary>The payload of the last accepted frame of a message (all zero before the first).</summary>
    public ReadOnlySpan<byte> LastValidPayload(DbcMessage message)
        => _lastGood.AsSpan(message.Index * CanPayload.Capacity, message.Dlc);

    /// <summary>Supervises one received frame and returns its outcome. Never throws for frame content.</summary>
    public E2ECheck OnFrame(in CanFrame frame)
    {
        FramesSeen++;
        if (!frame.IsDataFrame)
        {
            return Record(E2ECheck.NotDataFrame, frame, -1);
        }

        if (frame.Id > (frame.IsExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId))
        {
            return Record(E2ECheck.MalformedFrame, frame, -1);
        }

        if (!_db.TryGetMessage(frame.Id, frame.IsExtended, out DbcMessage message))
        {
            return Record(frame.Dlc > CanPayload.Capacity ? E2ECheck.MalformedFrame : E2ECheck.UnknownId, frame, -1);
        }

        int index = message.Index;
        ref MessageTrack track = ref _tracks[index];
        if (frame.Dlc != message.Dlc)
        {
            return Reject(ref track, E2ECheck.WrongDlc, frame, index);
        }

        ReadOnlySpan<byte> payload = frame.Payload;
        E2EMessageConfig? e2e = _config.ForIndex(index);
        if (e2e is null)
        {
            return Accept(ref track, E2ECheck.Ok, frame, index, payload);
        }

        if (e2e.ComputeCrc(payload) != payload[e2e.CrcByteIndex])
        {
            return Reject(ref track, E2ECheck.CrcError, frame, index);
        }

        int counter = (int)e2e.Counter.GetRaw(payload);
        if (counter >= E2EMessageConfig.CounterModulo)
        {
            return Reject(ref track, E2ECheck.InvalidCounter, frame, index);
        }

        if (!track.HasCounter || track.State == E2EMessageState.Timeout)
        {
            track.LastCounter = counter;
            track.HasCounter = true;
            return Accept(ref track, E2ECheck.Ok, frame, index, payload);
        }

        int delta = (counter - track.LastCounter + E2EMessageConfig.CounterModulo) % E2EMessageConfig.CounterModulo;
        if (delta == 0)
        {
            return Reject(ref track, E2ECheck.RepeatedCounter, frame, index);
        }

        track.LastCounter = counter;
        if (delta == 1)
        {
            return Accept(ref track, E2ECheck.Ok, frame, index, payload);
        }

        if (delta <= 1 + _maxLostFrames)
        {
            LostFrames += delta - 1;
            return Accept(ref track, E2ECheck.OkSomeLost, frame, index, payload);
        }

        return Reject(ref track, E2ECheck.CounterJump, frame, index);
    }

    /// <summary>
    /// Advances timeouts to <paramref name="nowNs"/>: a supervised message whose last valid frame (or, if none,
    /// the supervision start) is older than its MsgTimeoutTime enters <see cref="E2EMessageState.Timeout"/>,
    /// reported once per entry. Returns how many supervised messages are in timeout.
    /// </summary>
    public int Check(long nowNs)
    {
        int inTimeout = 0;
        for (int i = 0; i < _tracks.Length; i++)
        {
            if (!_supervised[i])
            {
                continue;
            }

            ref MessageTrack track = ref _tracks[i];
            E2EMessageConfig e2e = _config.ForIndex(i)!;
            long since = track.HasValid ? track.LastValidNs : _startNs;
            if (track.State != E2EMessageState.Timeout && nowNs - since > e2e.TimeoutMs * 1_000_000L)
            {
                track.State = E2EMessageState.Timeout;
                DbcMessage m = e2e.Message;
                _totals[(int)E2ECheck.Timeout]++;
                _perMessage[(i * s_checkCount) + (int)E2ECheck.Timeout]++;
                _sink?.Report(new CommFaultEvent(E2ECheck.Timeout, m.Id, m.IsExtended, i, nowNs));
            }

            if (track.State == E2EMessageState.Timeout)
            {
                inTimeout++;
            }
        }

        return inTimeout;
    }

    private E2ECheck Accept(ref MessageTrack track, E2ECheck check, in CanFrame frame, int index, ReadOnlySpan<byte> payload)
    {
        track.State = E2EMessageState.Valid;
        track.HasValid = true;
        track.LastValidNs = frame.TimestampNs;
        payload.CopyTo(_lastGood.AsSpan(index * CanPayload.Capacity, CanPayload.Capacity));
        return Record(check, frame, index);
    }

    private E2ECheck Reject(ref MessageTrack track, E2ECheck check, in CanFrame frame, int index)
    {
        if (track.State != E2EMessageState.Timeout)
        {
            track.State = E2EMessageState.Invalid;
        }

        return Record(check, frame, index);
    }

    private E2ECheck Record(E2ECheck check, in CanFrame frame, int index)
    {
        _totals[(int)check]++;
        if (index >= 0)
        {
            _perMessage[(index * s_checkCount) + (int)check]++;
        }

        if (check is not (E2ECheck.Ok or E2ECheck.OkSomeLost))
        {
            _sink?.Report(new CommFaultEvent(check, frame.Id, frame.IsExtended, index, frame.TimestampNs));
        }

        return check;
    }

    private struct MessageTrack
    {
        public E2EMessageState State;
        public bool HasValid;
        public bool HasCounter;
        public int LastCounter;
        public long LastValidNs;
    }
}
