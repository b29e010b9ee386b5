using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.Fuzz;

/// <summary>
/// Seed inputs for the <c>can</c> harness: the traffic of a nominal charge as both nodes encode it (measurements,
/// status, heartbeats, setpoints: valid CRCs and counters), 10 ms apart, in the harness's record format.
/// </summary>
public static class CanSeeds
{
    public static byte[] NominalTraffic(int ticks)
    {
        var frontEnd = ChargerProtocol.LoadDefault();
        var stage = ChargerProtocol.LoadDefault();
        var controller = ChargerProtocol.LoadDefault();
        var output = new List<byte>();
        CanFrame a = default, b = default, status = default, heartbeat = default, setpoint = default;
        var record = new byte[1 + CanFrameWireFormat.Size];
        void Put(in CanFrame frame, byte step_ms)
        {
            record[0] = step_ms;
            CanFrameWireFormat.Write(frame, record.AsSpan(1));
            output.AddRange(record);
        }

        for (var tick = 0; tick < ticks; tick++)
        {
            frontEnd.EncodeCellMeasurement(new CellMeasurement(3.6 + (0.001 * tick), 2, 298.15, 1000, 1.05e5), ref a, ref b);
            stage.EncodeStatus(new PowerStageStatus(2, 3.6, PowerStageState.ConstantCurrent, PowerStageFaults.None, 300), ref status);
            controller.EncodeSetpoint(new PowerStageSetpoint(2, 4.2, true, PowerStageMode.ChargeCcCv, 5), ref setpoint);
            Put(a, 10);
            Put(b, 0);
            Put(status, 0);
            Put(setpoint, 0);
            if (tick % 10 == 0)
            {
                stage.EncodePowerStageHeartbeat(new Heartbeat(NodeState.Operational, (uint)tick / 100, 1, 0), ref heartbeat);
                Put(heartbeat, 0);
                controller.EncodeControllerHeartbeat(new Heartbeat(NodeState.Operational, (uint)tick / 100, 2, 0), ref heartbeat);
                Put(heartbeat, 0);
            }
        }

        return [.. output];
    }
}
