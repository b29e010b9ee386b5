namespace ChargeTwin.FirmwareInterface.E2E;

/// <summary>One communication fault, as handed to the safety monitor. A value: reporting allocates nothing.</summary>
/// <param name="Check">What failed.</param>
/// <param name="CanId">Identifier of the frame (or of the timed-out message).</param>
/// <param name="IsExtended">Identifier format.</param>
/// <param name="MessageIndex">Index of the DBC message, or -1 when the identifier is unknown.</param>
/// <param name="TimeNs">When it was seen, on the caller's clock.</param>
public readonly record struct CommFaultEvent(E2ECheck Check, uint CanId, bool IsExtended, int MessageIndex, long TimeNs);
