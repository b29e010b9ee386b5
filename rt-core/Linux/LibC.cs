using System.Runtime.InteropServices;

namespace ChargeTwin.RtCore.Linux;

/// <summary>The few libc calls the real-time core needs (64-bit Linux; source-generated marshalling, AOT safe).</summary>
internal static partial class LibC
{
    public const int ClockMonotonic = 1;
    public const int TimerAbsolute = 1;
    public const int SchedFifo = 1;
    public const int McCurrent = 1;
    public const int McFuture = 2;
    public const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clock, out Timespec time);

    /// <summary>Returns 0 or the error number itself (it does not set errno).</summary>
    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    public static partial int ClockNanosleep(int clock, int flags, in Timespec request, IntPtr remain);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SchedSetScheduler(int pid, int policy, in int priority);

    [LibraryImport("libc", EntryPoint = "sched_get_priority_max", SetLastError = true)]
    public static partial int SchedGetPriorityMax(int policy);

    [LibraryImport("libc", EntryPoint = "mlockall", SetLastError = true)]
    public static partial int MlockAll(int flags);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nuint size, ulong[] mask);
}
