namespace ChargeTwin.FirmwareInterface.Transports;

/// <summary>A transport could not be opened. The message is one line naming the transport and the cause.</summary>
public sealed class CanTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CanTransportException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
