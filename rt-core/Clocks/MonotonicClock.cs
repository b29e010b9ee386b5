using System.Diagnostics;
using ChargeTwin.RtCore.Linux;

namespace ChargeTwin.RtCore.Clocks;

/// <summary>
/// Real time on CLOCK_MONOTONIC: <see cref="SleepUntil"/> is <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c>,
/// so a periodic loop's releases never drift by its own execution time (restarted on EINTR). Off Linux it falls back
/// to Stopwatch time and a sleep-then-spin wait, without the guarantees. Allocates nothing.
/// </summary>
public sealed class MonotonicClock : IClock
{
    public static MonotonicClock Instance { get; } = new();

    private static readonly bool s_linux = OperatingSystem.IsLinux();

    public long NowNs
    {
        get
        {
            if (s_linux && LibC.ClockGetTime(LibC.ClockMonotonic, out var t) == 0)
            {
                return t.ToNs();
            }

            return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
        }
    }

    public void SleepUntil(long deadlineNs)
    {
        if (s_linux)
        {
            var request = Timespec.FromNs(deadlineNs);
            while (LibC.ClockNanosleep(LibC.ClockMonotonic, LibC.TimerAbsolute, in request, IntPtr.Zero) == LibC.Eintr)
            {
            }

            return;
        }

        var remaining = deadlineNs - NowNs;
        if (remaining > 2_000_000)
        {
            Thread.Sleep(TimeSpan.FromTicks((remaining - 1_000_000) / 100));
        }

        while (NowNs < deadlineNs)
        {
            Thread.SpinWait(20);
        }
    }
}
