namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>Receives communication faults on the loop thread; implementations must not block or allocate.</summary>
public interface ICommFaultSink
{
    /// <summary>Called once per bad frame and once when a message enters timeout.</summary>
    void Report(in CommFaultEvent fault);
}
