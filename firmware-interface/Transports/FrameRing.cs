using ChargeTwin.FirmwareInterface.Can;

namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>
/// Bounded single-producer single-consumer queue of frames: one thread writes, one thread reads,
/// no lock, no allocation after construction. A full ring refuses the frame (the caller counts it).
/// </summary>
internal sealed class FrameRing
{
    private readonly CanFrame[] _slots;
    private readonly int _mask;
    private long _head; // next slot to read; written by the consumer only
    private long _tail; // next slot to write; written by the producer only

    public FrameRing(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be a power of two, at least 2");
        }

        _slots = new CanFrame[capacity];
        _mask = capacity - 1;
    }

    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    public bool TryWrite(in CanFrame frame)
    {
        long tail = _tail;
        if (tail - Volatile.Read(ref _head) >= _slots.Length)
        {
            return false;
        }

        _slots[tail & _mask] = frame;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    public bool TryRead(out CanFrame frame)
    {
        long head = _head;
        if (head >= Volatile.Read(ref _tail))
        {
            frame = default;
            return false;
        }

        frame = _slots[head & _mask];
        Volatile.Write(ref _head, head + 1);
        return true;
    }
}
