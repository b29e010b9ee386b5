namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// Counters of one transport. Written by the transport's threads, read by anyone (values may lag by a frame).
/// </summary>
public sealed class CanTransportStatistics
{
    private long _sent;
    private long _received;
    private long _sendFailed;
    private long _dropped;
    private long _malformed;

    /// <summary>Frames handed to the medium.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Frames delivered by <see cref="ICanTransport.TryReceive(out Can.CanFrame)"/>.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Frames the medium refused (buffer full, interface down, peer unreachable).</summary>
    public long SendFailed => Interlocked.Read(ref _sendFailed);

    /// <summary>Received frames lost because the receive queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Received datagrams or frames that were not a valid CAN frame encoding.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void CountSendFailed() => Interlocked.Increment(ref _sendFailed);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountMalformed() => Interlocked.Increment(ref _malformed);
}
