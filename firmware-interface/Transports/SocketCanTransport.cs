using ChargeTwin.RtCore.Clocks;
using System.Runtime.Versioning;
using ChargeTwin.FirmwareInterface.Can;
using Iot.Device.SocketCan;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// Linux SocketCAN through <see cref="CanRaw"/> (Iot.Device.SocketCan). The binding's read blocks, so a
/// background reader thread does the reading and hands frames to the loop through a lock-free ring:
/// <see cref="TryReceive(out CanFrame)"/> never blocks, and the timed overload waits at most its timeout.
/// </summary>
/// <remarks>
/// CanRaw has no read timeout and closing its socket does not wake a blocked read, so after
/// <see cref="Dispose"/> the reader thread (a background thread) ends with the next frame on the bus or
/// with the process. Frames are stamped with <c>clockNs</c> when the reader takes them.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class SocketCanTransport : ICanTransport
{
    private readonly CanRaw _can;
    private readonly FrameRing _ring;
    private readonly Thread _reader;
    private readonly Func<long> _clockNs;
    private readonly ManualResetEventSlim _arrived = new(false);
    private volatile bool _stopping;

    /// <summary>Opens a raw CAN socket on an interface (e.g. can0, vcan0).</summary>
    /// <exception cref="CanTransportException">The kernel has no CAN support, or the interface does not exist.</exception>
    public SocketCanTransport(string interfaceName, int receiveCapacity = 1024, Func<long>? clockNs = null)
    {
        _clockNs = clockNs ?? (static () => MonotonicClock.Instance.NowNs);
        _ring = new FrameRing(receiveCapacity);
        Name = "socketcan:" + interfaceName;
        try
        {
            _can = new CanRaw(interfaceName);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            string hint = Directory.Exists("/proc/net/can")
                ? $"is the interface up? (ip link show {interfaceName})"
                : "this kernel has no CAN support (no /proc/net/can)";
            throw new CanTransportException($"socketcan: cannot open '{interfaceName}': {e.Message}; {hint}", e);
        }

        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "socketcan-reader " + interfaceName };
        _reader.Start();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public CanTransportStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public bool TrySend(in CanFrame frame)
    {
        try
        {
            var id = new CanId();
            if (frame.IsExtended)
            {
                id.Extended = frame.Id;
            }
            else
            {
                id.Standard = frame.Id;
            }

            id.RemoteTransmissionRequest = (frame.Flags & CanFrameFlags.Remote) != 0;
            CanFrame copy = frame;
            _can.WriteFrame(copy.Data[..copy.DataLength], id);
            Statistics.CountSent();
            return true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            Statistics.CountSendFailed();
            return false;
        }
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame)
    {
        if (_ring.TryRead(out frame))
        {
            Statistics.CountReceived();
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        long deadline = MonotonicClock.Instance.NowNs + (long)(timeout.TotalMilliseconds * 1e6);
        while (!TryReceive(out frame))
        {
            // Reset before the second look, so a frame written in between still wakes the wait.
            _arrived.Reset();
            if (TryReceive(out frame))
            {
                return true;
            }

            long leftMs = (deadline - MonotonicClock.Instance.NowNs) / 1_000_000;
            if (leftMs <= 0 || !_arrived.Wait(TimeSpan.FromMilliseconds(leftMs)))
            {
                return TryReceive(out frame);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _can.Dispose();
        _arrived.Dispose();
    }

    private void ReadLoop()
    {
        Span<byte> data = stackalloc byte[CanPayload.Capacity];
        while (!_stopping)
        {
            bool valid;
            int length;
            CanId id;
            try
            {
                valid = _can.TryReadFrame(data, out length, out id);
            }
            catch (Exception) when (_stopping)
            {
                return;
            }
            catch (IOException)
            {
                Statistics.CountMalformed();
                continue;
            }

            if (!valid)
            {
                Statistics.CountMalformed();
                continue;
            }

            CanFrame frame = new(id.Value, data[..length], id.ExtendedFrameFormat, _clockNs());
            if (id.RemoteTransmissionRequest)
            {
                frame.Flags |= CanFrameFlags.Remote;
            }

            if (_ring.TryWrite(frame))
            {
                try
                {
                    _arrived.Set();
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
            else
            {
                Statistics.CountDropped();
            }
        }
    }
}
