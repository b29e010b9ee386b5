using System.Diagnostics;
using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// One end of an in-process, point-to-point CAN link (tests, and the bench when host and power stage
/// share a process). Each direction is a lock-free single-producer single-consumer ring, so each end
/// must be used by one thread. Frames keep the sender's timestamp.
/// </summary>
public sealed class InMemoryCanTransport : ICanTransport
{
    private readonly FrameRing _inbox;
    private InMemoryCanTransport? _peer;
    private bool _disposed;

    private InMemoryCanTransport(string name, int capacity)
    {
        Name = name;
        _inbox = new FrameRing(capacity);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public CanTransportStatistics Statistics { get; } = new();

    /// <summary>Frames waiting to be received at this end.</summary>
    public int Pending => _inbox.Count;

    /// <summary>Creates the two ends of a link; each end receives what the other sends.</summary>
    /// <param name="capacity">Frames each direction buffers (a power of two).</param>
    public static (InMemoryCanTransport A, InMemoryCanTransport B) CreatePair(int capacity = 1024)
    {
        var a = new InMemoryCanTransport("memory:a", capacity);
        var b = new InMemoryCanTransport("memory:b", capacity);
        a._peer = b;
        b._peer = a;
        return (a, b);
    }

    /// <inheritdoc />
    public bool TrySend(in CanFrame frame)
    {
        InMemoryCanTransport? peer = _peer;
        if (_disposed || peer is null || peer._disposed)
        {
            Statistics.CountSendFailed();
            return false;
        }

        if (!peer._inbox.TryWrite(frame))
        {
            peer.Statistics.CountDropped();
            Statistics.CountSendFailed();
            return false;
        }

        Statistics.CountSent();
        return true;
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame)
    {
        if (_inbox.TryRead(out frame))
        {
            Statistics.CountReceived();
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var spin = new SpinWait();
        while (!TryReceive(out frame))
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return false;
            }

            spin.SpinOnce(sleep1Threshold: 20);
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;
}
