using System.Runtime.InteropServices;
using ChargeTwin.RtCore.Linux;

namespace ChargeTwin.RtCore.Realtime;

/// <summary>
/// Applies <see cref="RealtimeOptions"/> to the calling thread (call it on the loop thread, before the loop): CPU
/// affinity, then <c>mlockall(MCL_CURRENT | MCL_FUTURE)</c>, then SCHED_FIFO. Nothing throws for want of privilege:
/// a refusal is reported with the system's reason and the loop runs without it. Off Linux every request is refused
/// ("not Linux").
/// </summary>
public static class RealtimeSetup
{
    public static IReadOnlyList<RealtimeGrant> Apply(RealtimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [Affinity(options.Cpus), LockMemory(options.LockMemory), Fifo(options.FifoPriority)];
    }

    private static RealtimeGrant Affinity(IReadOnlyList<int>? cpus)
    {
        const string what = "CPU affinity";
        if (cpus is null)
        {
            return new(what, RealtimeGrantState.NotRequested, "");
        }

        if (!OperatingSystem.IsLinux())
        {
            return new(what, RealtimeGrantState.Refused, "not Linux");
        }

        var mask = new ulong[16]; // cpu_set_t: 1024 CPUs
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= 1024)
            {
                return new(what, RealtimeGrantState.Refused, $"CPU {cpu} is outside 0–1023");
            }

            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        var cpusText = string.Join(",", cpus);
        return LibC.SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) == 0
            ? new(what, RealtimeGrantState.Granted, "CPU " + cpusText)
            : Refused(what, "CPU " + cpusText);
    }

    private static RealtimeGrant LockMemory(bool requested)
    {
        const string what = "mlockall";
        if (!requested)
        {
            return new(what, RealtimeGrantState.NotRequested, "");
        }

        if (!OperatingSystem.IsLinux())
        {
            return new(what, RealtimeGrantState.Refused, "not Linux");
        }

        return LibC.MlockAll(LibC.McCurrent | LibC.McFuture) == 0
            ? new(what, RealtimeGrantState.Granted, "current and future pages")
            : Refused(what, "");
    }

    private static RealtimeGrant Fifo(int? priority)
    {
        const string what = "SCHED_FIFO";
        if (priority is not { } p)
        {
            return new(what, RealtimeGrantState.NotRequested, "");
        }

        if (!OperatingSystem.IsLinux())
        {
            return new(what, RealtimeGrantState.Refused, "not Linux");
        }

        var max = LibC.SchedGetPriorityMax(LibC.SchedFifo);
        if (p < 1 || p > max)
        {
            return new(what, RealtimeGrantState.Refused, $"priority {p} is outside 1–{max}");
        }

        return LibC.SchedSetScheduler(0, LibC.SchedFifo, in p) == 0
            ? new(what, RealtimeGrantState.Granted, $"priority {p}")
            : Refused(what, $"priority {p}");
    }

    private static RealtimeGrant Refused(string what, string asked)
    {
        var errno = Marshal.GetLastPInvokeError();
        var reason = Marshal.GetPInvokeErrorMessage(errno);
        return new(what, RealtimeGrantState.Refused, asked.Length > 0 ? $"{asked}: {reason}, errno {errno}" : $"{reason}, errno {errno}");
    }
}
