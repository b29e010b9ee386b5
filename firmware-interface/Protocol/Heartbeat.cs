namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>A node's heartbeat (CTRL_Heartbeat or PS_Heartbeat).</summary>
/// <param name="State">Node state.</param>
/// <param name="Uptime_s">Seconds since the node started.</param>
/// <param name="VersionMajor">Controller: protocol version. Power stage: firmware major version.</param>
/// <param name="VersionMinor">Power stage: firmware minor version (controller: 0).</param>
public readonly record struct Heartbeat(NodeState State, uint Uptime_s, byte VersionMajor, byte VersionMinor);
