namespace ChargeTwin.RtCore.Realtime;

/// <summary>
/// What the loop thread asks of Linux: SCHED_FIFO at a priority (null: stay SCHED_OTHER), all memory locked, and a CPU
/// set (null: any). Each is optional; each is reported as granted or refused.
/// </summary>
public sealed record RealtimeOptions(int? FifoPriority = null, bool LockMemory = false, IReadOnlyList<int>? Cpus = null);
