using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// Where frames go and come from: SocketCAN, UDP, or in memory. <see cref="TrySend"/> and
/// <see cref="TryReceive(out CanFrame)"/> never block, so the loop thread may call them every period;
/// a failure is counted in <see cref="Statistics"/>, not thrown.
/// </summary>
public interface ICanTransport : IDisposable
{
    /// <summary>Human-readable name, e.g. "socketcan:can0" or "udp:127.0.0.1:5000".</summary>
    string Name { get; }

    /// <summary>Frame counters of this transport.</summary>
    CanTransportStatistics Statistics { get; }

    /// <summary>Queues a frame for sending. False when it could not be sent (counted).</summary>
    bool TrySend(in CanFrame frame);

    /// <summary>Takes the next received frame if one is waiting; never blocks.</summary>
    bool TryReceive(out CanFrame frame);

    /// <summary>Waits at most <paramref name="timeout"/> for a frame. For tools and background threads, not the loop thread.</summary>
    bool TryReceive(out CanFrame frame, TimeSpan timeout);
}
