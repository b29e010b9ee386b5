namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// The thread that takes records off the loop's rings and writes them (decision log, candump log) every 50 ms, so the
/// loop thread never does file I/O. <see cref="Dispose"/> stops it after one last pass.
/// </summary>
public sealed class LogDrainer : IDisposable
{
    private readonly Action[] _drains;
    private readonly Thread _thread;
    private volatile bool _closing;

    public LogDrainer(params Action[] drains)
    {
        _drains = drains;
        _thread = new Thread(Loop) { Name = "log writer", IsBackground = true };
        _thread.Start();
    }

    public void Dispose()
    {
        _closing = true;
        _thread.Join();
        DrainAll();
    }

    private void Loop()
    {
        while (!_closing)
        {
            DrainAll();
            Thread.Sleep(50);
        }
    }

    private void DrainAll()
    {
        foreach (var drain in _drains)
        {
            drain();
        }
    }
}
