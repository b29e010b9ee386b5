namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The last <c>window</c> seconds of a channel as a ring of time bins (<see cref="Bins"/> per window), each holding its
/// samples' <see cref="MomentSums"/>. When a bin closes, the window's moments are merged afresh from the ring (no
/// running sums to drift), so its statistics are new once per bin and lag by at most one bin. Not available
/// (<see cref="Ready"/> false) until the ring has filled once. Allocates only in its constructor.
/// </summary>
internal sealed class MomentWindow
{
    public const int Bins = 20;

    private readonly MomentSums[] _ring = new MomentSums[Bins];
    private readonly double _bin_s;
    private MomentSums _open;
    private long _openBin = long.MinValue;
    private int _closed;

    public MomentWindow(double window_s)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window_s);
        _bin_s = window_s / Bins;
    }

    /// <summary>The merged moments of the last full window (valid when <see cref="Ready"/>).</summary>
    public MomentSums Window { get; private set; }

    /// <summary>True once a full window has closed and it holds at least three samples.</summary>
    public bool Ready => _closed >= Bins && Window.Count >= 3;

    /// <summary>Adds a sample at <paramref name="t_s"/> (non-decreasing); true when a bin closed and the window changed.</summary>
    public bool Add(double t_s, double y)
    {
        var bin = (long)Math.Floor(t_s / _bin_s);
        var closed = false;
        if (_openBin == long.MinValue)
        {
            _openBin = bin;
        }
        else if (bin > _openBin)
        {
            // Close the open bin and any empty bins a gap skipped (at most a window's worth).
            var skipped = Math.Min(bin - _openBin, Bins);
            for (var k = 0; k < skipped; k++)
            {
                _ring[_closed % Bins] = k == 0 ? _open : default;
                _closed = _closed >= 2 * Bins ? _closed - Bins + 1 : _closed + 1;
            }

            _open = default;
            _openBin = bin;
            Merge();
            closed = true;
        }

        _open.Add(t_s, y);
        return closed;
    }

    /// <summary>Forgets every sample (after a gap the window no longer describes the channel).</summary>
    public void Clear()
    {
        Array.Clear(_ring);
        _open = default;
        _openBin = long.MinValue;
        _closed = 0;
        Window = default;
    }

    private void Merge()
    {
        var sums = default(MomentSums);
        for (var i = 0; i < Bins; i++)
        {
            sums.Merge(_ring[i]);
        }

        Window = sums;
    }
}
