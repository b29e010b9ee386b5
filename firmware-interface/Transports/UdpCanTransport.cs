using ChargeTwin.RtCore.Clocks;
using System.Net;
using System.Net.Sockets;
using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// CAN frames over UDP, one frame per datagram in <see cref="CanFrameWireFormat"/> (16 bytes), for the bench
/// and the host as separate processes (loopback or a veth pair between network namespaces). Non-blocking,
/// allocation free after construction; a datagram that is not a valid frame is counted as malformed.
/// Received frames are stamped with <c>clockNs</c> at the moment they are taken.
/// </summary>
public sealed class UdpCanTransport : ICanTransport
{
    private readonly Socket _socket;
    private readonly SocketAddress _remote;
    private readonly SocketAddress _from;
    private readonly byte[] _sendBuffer = new byte[CanFrameWireFormat.Size];
    private readonly byte[] _receiveBuffer = new byte[64];
    private readonly Func<long> _clockNs;

    /// <summary>Binds to <paramref name="local"/> (port 0 picks a free port) and sends to <paramref name="remote"/>.</summary>
    public UdpCanTransport(IPEndPoint local, IPEndPoint remote, Func<long>? clockNs = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        _clockNs = clockNs ?? (static () => MonotonicClock.Instance.NowNs);
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        try
        {
            _socket.Bind(local);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new CanTransportException($"udp: cannot bind {local}: {e.Message}", e);
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        RemoteEndPoint = remote;
        _remote = remote.Serialize();
        _from = new SocketAddress(local.AddressFamily);
        Name = $"udp:{LocalEndPoint}->{remote}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The address this end listens on (with the real port when bound to port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where frames are sent.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <inheritdoc />
    public CanTransportStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public bool TrySend(in CanFrame frame)
    {
        CanFrameWireFormat.Write(frame, _sendBuffer);
        try
        {
            _socket.SendTo(_sendBuffer, SocketFlags.None, _remote);
            Statistics.CountSent();
            return true;
        }
        catch (SocketException)
        {
            Statistics.CountSendFailed();
            return false;
        }
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame)
    {
        while (_socket.Available > 0 || _socket.Poll(0, SelectMode.SelectRead))
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(_receiveBuffer, SocketFlags.None, _from);
            }
            catch (SocketException)
            {
                // An ICMP error from an earlier send surfaces here on Linux; it is not a frame.
                Statistics.CountSendFailed();
                continue;
            }

            if (CanFrameWireFormat.TryRead(_receiveBuffer.AsSpan(0, n), out frame))
            {
                frame.TimestampNs = _clockNs();
                Statistics.CountReceived();
                return true;
            }

            Statistics.CountMalformed();
        }

        frame = default;
        return false;
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        if (TryReceive(out frame))
        {
            return true;
        }

        long deadline = MonotonicClock.Instance.NowNs + (long)(timeout.TotalMilliseconds * 1e6);
        while (true)
        {
            long leftUs = (deadline - MonotonicClock.Instance.NowNs) / 1000;
            if (leftUs <= 0)
            {
                return false;
            }

            if (_socket.Poll((int)Math.Min(leftUs, int.MaxValue), SelectMode.SelectRead) && TryReceive(out frame))
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
