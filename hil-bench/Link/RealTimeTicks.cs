using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// The bench's ticks on the wall clock: rt-core's <see cref="PeriodicLoop"/> on <see cref="MonotonicClock"/> (absolute
/// deadlines, overrun and skipped-release accounting, a wake-up latency histogram) runs on its own thread and hands
/// each release to the bench's thread, which runs one tick and asks for the next: <see cref="Next"/> returns at a
/// release, and the loop counts the tick as running until the bench calls <see cref="Next"/> again. So the bench's
/// tick — plant, sensors, frames — is timed like any periodic task, while the campaign runner keeps its own
/// top-to-bottom control period.
/// </summary>
public sealed class RealTimeTicks(long tickNs) : IDisposable
{
    private readonly SemaphoreSlim _released = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private Thread? _thread;
    private bool _disposed;

    /// <summary>The loop (its counters and wake-up latency).</summary>
    public PeriodicLoop Loop { get; } = new(MonotonicClock.Instance, tickNs);

    /// <summary>Bench thread: the tick before is done; returns at the next release (the first call starts the loop).</summary>
    public void Next()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is null)
        {
            _thread = new Thread(() => Loop.Run(new Handoff(_released, _done))) { IsBackground = true, Name = "bench loop" };
            _thread.Start();
        }
        else
        {
            _done.Release();
        }

        _released.Wait();
    }

    /// <summary>Ends the loop after the tick in progress.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_thread is not null)
        {
            Loop.Stop();
            _done.Release();
            _thread.Join();
        }

        _released.Dispose();
        _done.Dispose();
    }

    /// <summary>The loop thread's tick: release the bench, wait until its tick is done.</summary>
    private sealed class Handoff(SemaphoreSlim released, SemaphoreSlim done) : IPeriodicTask
    {
        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
            released.Release();
            done.Wait();
        }
    }
}
