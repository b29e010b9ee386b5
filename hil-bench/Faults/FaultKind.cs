namespace ChargeTwin.HilBench.Faults;

/// <summary>
/// What an injected fault breaks. The first three are the sensor suites' original kinds (their names are part of
/// scenario ids, so they keep them); the rest follow by where they act: a sensor channel, the CAN frames, the power
/// stage, the plant.
/// </summary>
public enum FaultKind
{
    /// <summary>Sensor: the channel holds the value it read when the fault began.</summary>
    Stuck,

    /// <summary>Sensor: the channel reads <see cref="FaultSpec.Value"/> (base units) more than it should.</summary>
    Offset,

    /// <summary>Controller hang (YAML <c>controller_hang</c> or <c>heartbeat_loss</c>): the loop stops ticking — no setpoints, no heartbeat.</summary>
    HeartbeatLoss,

    /// <summary>Sensor: an error growing at <see cref="FaultSpec.Value"/> (base units per second) from the onset.</summary>
    Drift,

    /// <summary>Sensor: the input is open; the channel reads what its front end gives then (<see cref="OpenCircuitReading"/>).</summary>
    OpenCircuit,

    /// <summary>Sensor: the channel's noise σ multiplied by <see cref="FaultSpec.Value"/>.</summary>
    NoiseBurst,

    /// <summary>Frames: the selected messages' frames are not delivered.</summary>
    FramesLost,

    /// <summary>Frames: delivered <see cref="FaultSpec.Value"/> seconds late.</summary>
    FramesDelayed,

    /// <summary>Frames: the CRC byte is broken (the receiver counts a CrcError).</summary>
    FramesCorrupted,

    /// <summary>Frames: the frame sent when the fault began is sent again in place of every new one (same alive counter).</summary>
    FramesReplayed,

    /// <summary>Power stage: delivers <see cref="FaultSpec.Value"/> × the current it is told.</summary>
    StageOvershoot,

    /// <summary>Power stage: holds the current it delivered at the onset, whatever it is told (disable and timeouts included).</summary>
    StageStuck,

    /// <summary>Plant: the heat-transfer coefficient falls to the fraction <see cref="FaultSpec.Value"/> of its value.</summary>
    CoolingFailure,

    /// <summary>Plant: a resistance of <see cref="FaultSpec.Value"/> Ω between the electrodes, inside the cell.</summary>
    InternalShort,

    /// <summary>Plant: an extra heat source of <see cref="FaultSpec.Value"/> W at <see cref="FaultSpec.Reference_K"/>, Arrhenius in T.</summary>
    SelfHeating,
}
