using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Link;
using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.PowerStage;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// CAN frames off the wire into both ends of the protocol: the input is a sequence of 17-byte records, a time step in
/// milliseconds (0–255) and a frame in the 16-byte UDP wire format (<see cref="CanFrameWireFormat"/>; an encoding it
/// refuses is dropped as the UDP transport drops it). Every frame read goes to the controller's end
/// (<see cref="ChargerLink"/>: E2E supervision, the protocol's decoders, the safety monitor, a controller) and to the
/// bench's power-stage node (E2E supervision, the setpoint decoder), each ticked at the frame's time. Nothing here may
/// throw: a bad frame is rejected and counted, never an exception.
/// </summary>
internal static class CanTarget
{
    public const int RecordSize = 1 + CanFrameWireFormat.Size;

    private const long Millisecond = 1_000_000L;

    private static readonly Lazy<DbcDatabase> s_database = new(() => DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath));

    /// <summary>Asks for 2 A at 4.2 V whatever it is given.</summary>
    private sealed class FixedController : IChargeController
    {
        public string Name => "fixed";

        public Setpoint Step(in MeasuredSample measured, double chargeTime_s) => new(2, 4.2, true, "fixed");
    }

    public static string Run(ReadOnlySpan<byte> data)
    {
        var (wire, controllerEnd) = InMemoryCanTransport.CreatePair();
        var (bench, stageEnd) = InMemoryCanTransport.CreatePair();
        var link = new ChargerLink(new ChargerProtocol(s_database.Value), controllerEnd, new FixedController(), new ChargerLinkOptions(100 * Millisecond, 5), new SafetyMonitor());
        var stage = new PowerStageNode(new ChargerProtocol(s_database.Value), stageEnd, new PowerStageEmulator(new PowerStageRatings(15, 4.2, 5, 3)), 300);
        long now = 0;
        link.Start(now);
        stage.Start(now);
        int read = 0, dropped = 0;
        for (var at = 0; at + RecordSize <= data.Length; at += RecordSize)
        {
            now += data[at] * Millisecond;
            if (CanFrameWireFormat.TryRead(data.Slice(at + 1, CanFrameWireFormat.Size), out var frame))
            {
                frame.TimestampNs = now;
                wire.TrySend(frame);
                bench.TrySend(frame);
                read++;
            }
            else
            {
                dropped++;
            }

            link.Tick(now);
            stage.Poll(now);
            while (wire.TryReceive(out _) || bench.TryReceive(out _))
            {
                // what the two ends sent; only what they were sent is under test
            }
        }

        return Outcome.Ok($"{read} frames read, {dropped} dropped; controller accepted {link.Supervisor.FramesAccepted}, stage accepted {stage.Supervisor.FramesAccepted}; setpoint {(link.Setpoint.Enable ? "on" : "off")}");
    }
}
