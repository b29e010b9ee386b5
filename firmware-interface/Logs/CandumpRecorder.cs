using ChargeTwin.RtCore.Clocks;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Logs;

/// <summary>
/// Records frames in can-utils log format without doing I/O on the loop thread: <see cref="Record"/>
/// (loop thread) copies the frame into a lock-free ring; <see cref="DrainTo"/> (a logging thread) formats
/// and writes the lines. A full ring drops the frame and counts it in <see cref="Dropped"/>.
/// </summary>
public sealed class CandumpRecorder
{
    private readonly FrameRing _ring;
    private readonly string _interfaceName;
    private readonly long _unixOffsetNs;
    private readonly char[] _line;
    private long _dropped;

    /// <summary>Creates a recorder.</summary>
    /// <param name="interfaceName">Name written in every line (e.g. can0), as log2asc maps names to channels.</param>
    /// <param name="unixOffsetNs">Added to frame timestamps to get Unix time; with the real clock use <see cref="UnixOffsetOfMonotonicClock"/>.</param>
    /// <param name="capacity">Frames buffered between drains (a power of two).</param>
    public CandumpRecorder(string interfaceName, long unixOffsetNs, int capacity = 4096)
    {
        if (string.IsNullOrWhiteSpace(interfaceName) || interfaceName.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("interface name must be one word, e.g. can0", nameof(interfaceName));
        }

        _interfaceName = interfaceName;
        _unixOffsetNs = unixOffsetNs;
        _ring = new FrameRing(capacity);
        _line = new char[CandumpFormat.MaxLineLengthWithoutInterface + interfaceName.Length];
    }

    /// <summary>Frames lost because the ring was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Unix time minus <see cref="MonotonicClock.NowNs"/> (rt-core), now.</summary>
    public static long UnixOffsetOfMonotonicClock()
        => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000) - MonotonicClock.Instance.NowNs;

    /// <summary>Queues a frame (its TimestampNs is the time). Loop thread; allocation free.</summary>
    public void Record(in CanFrame frame)
    {
        if (!_ring.TryWrite(frame))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes every queued frame as a log line; returns how many. One thread only.</summary>
    public int DrainTo(TextWriter writer)
    {
        int n = 0;
        while (_ring.TryRead(out CanFrame frame))
        {
            int length = CandumpFormat.Format(frame, frame.TimestampNs + _unixOffsetNs, _interfaceName, _line);
            writer.Write(_line, 0, length);
            writer.Write('\n');
            n++;
        }

        return n;
    }
}
