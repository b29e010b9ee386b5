namespace ChargeTwin.Controller.Session;

/// <summary>
/// The session's last transitions in a fixed ring (oldest overwritten), with the total count since construction.
/// Recording and reading allocate nothing.
/// </summary>
public sealed class TransitionLog
{
    private readonly SessionTransition[] _ring;

    public TransitionLog(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new SessionTransition[capacity];
    }

    /// <summary>Transitions recorded since construction (the ring keeps the last <see cref="Capacity"/>).</summary>
    public long Count { get; private set; }

    public int Capacity => _ring.Length;

    /// <summary>How many the ring holds now: min(Count, Capacity).</summary>
    public int Retained => (int)Math.Min(Count, _ring.Length);

    /// <summary>The retained transitions by age: 0 is the oldest retained, <see cref="Retained"/> − 1 the latest.</summary>
    public ref readonly SessionTransition this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Retained);
            return ref _ring[(int)((Count - Retained + index) % _ring.Length)];
        }
    }

    /// <summary>The latest transition; default when there was none.</summary>
    public SessionTransition Last => Count == 0 ? default : _ring[(int)((Count - 1) % _ring.Length)];

    internal void Add(in SessionTransition t)
    {
        _ring[(int)(Count % _ring.Length)] = t;
        Count++;
    }
}
