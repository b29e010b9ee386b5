namespace ChargeTwin.RtCore.Rings;

/// <summary>
/// A bounded lock-free ring for exactly one producer thread and one consumer thread, moving value records off the
/// loop thread (decisions to telemetry, log lines to a writer). Capacity is a power of two; a full ring refuses the
/// write and counts it (the loop never waits); neither side allocates. The indices only grow: each side publishes its
/// own with a release write and reads the other's with an acquire read, which is the whole synchronisation.
/// </summary>
public sealed class SpscRing<T>
    where T : struct
{
    private readonly T[] _items;
    private readonly long _mask;
    private PaddedIndex _head; // next slot to read; written by the consumer only
    private PaddedIndex _tail; // next slot to write; written by the producer only
    private long _refused;

    public SpscRing(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the ring's capacity must be a power of two ≥ 2");
        }

        _items = new T[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _items.Length;

    /// <summary>Records in the ring now (a snapshot).</summary>
    public int Count => (int)(Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value));

    /// <summary>Writes refused because the ring was full.</summary>
    public long Refused => Volatile.Read(ref _refused);

    /// <summary>Producer side. False (and counted) when full.</summary>
    public bool TryWrite(in T item)
    {
        var tail = _tail.Value;
        if (tail - Volatile.Read(ref _head.Value) >= _items.Length)
        {
            Interlocked.Increment(ref _refused);
            return false;
        }

        _items[tail & _mask] = item;
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>Consumer side. False when empty.</summary>
    public bool TryRead(out T item)
    {
        var head = _head.Value;
        if (head == Volatile.Read(ref _tail.Value))
        {
            item = default;
            return false;
        }

        item = _items[head & _mask];
        _items[head & _mask] = default;
        Volatile.Write(ref _head.Value, head + 1);
        return true;
    }
}
