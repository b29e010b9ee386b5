using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;

namespace ChargeTwin.RtCore.Watchdog;

/// <summary>
/// Watches a periodic loop from its own thread: while the loop's last wake-up is within <c>timeoutNs</c> it kicks the
/// hardware watchdog device (if one is given, e.g. <c>/dev/watchdog</c>: any write is a kick); when the loop has not
/// woken for longer, it calls <c>onExpired</c> once (the host drives the power stage to its safe state there) and stops
/// kicking, so the hardware watchdog resets the board if the process cannot recover. Kicking resumes, and the next
/// expiry is reported again, once the loop is ticking. Disposing writes the magic close 'V' (the device disarms
/// instead of resetting) and stops the thread.
/// </summary>
public sealed class DeadlineWatchdog : IDisposable
{
    private readonly PeriodicLoop _loop;
    private readonly IClock _clock;
    private readonly long _timeoutNs;
    private readonly Action<long> _onExpired;
    private readonly FileStream? _device;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopped = new(false);
    private long _kicks;
    private long _expiries;

    public DeadlineWatchdog(PeriodicLoop loop, long timeoutNs, Action<long> onExpired, string? devicePath = null, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(onExpired);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeoutNs, 0);
        _loop = loop;
        _timeoutNs = timeoutNs;
        _onExpired = onExpired;
        _clock = clock ?? MonotonicClock.Instance;
        _device = devicePath is null ? null : new FileStream(devicePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        _thread = new Thread(Watch) { IsBackground = true, Name = "deadline watchdog" };
        _thread.Start();
    }

    /// <summary>Kicks written to the device.</summary>
    public long Kicks => Interlocked.Read(ref _kicks);

    /// <summary>Times the loop was found late.</summary>
    public long Expiries => Interlocked.Read(ref _expiries);

    public void Dispose()
    {
        _stopped.Set();
        _thread.Join();
        if (_device is not null)
        {
            _device.WriteByte((byte)'V');
            _device.Dispose();
        }

        _stopped.Dispose();
    }

    private void Watch()
    {
        var poll = TimeSpan.FromTicks(Math.Max(1, _timeoutNs / 4 / 100));
        var start = _clock.NowNs;
        var expired = false;
        while (!_stopped.Wait(poll))
        {
            var last = _loop.LastWakeNs;
            var now = _clock.NowNs;
            var late = now - (last == long.MinValue ? start : last) > _timeoutNs;
            if (late && !expired)
            {
                expired = true;
                Interlocked.Increment(ref _expiries);
                _onExpired(now);
            }
            else if (!late)
            {
                expired = false;
                if (_device is not null)
                {
                    _device.WriteByte(0);
                    _device.Flush();
                    Interlocked.Increment(ref _kicks);
                }
            }
        }
    }
}
