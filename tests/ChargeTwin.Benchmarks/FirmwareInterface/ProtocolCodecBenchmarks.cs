using BenchmarkDotNet.Attributes;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.Benchmarks.FirmwareInterface;

/// <summary>
/// Cost of the per-period protocol work on the loop thread: encode a setpoint (signals, counter, CRC),
/// decode a status, and supervise a received status frame (DLC, CRC, counter).
/// </summary>
[MemoryDiagnoser]
public class ProtocolCodecBenchmarks
{
    private readonly PowerStageSetpoint _setpoint = new(42.5, 4.2, true, PowerStageMode.ChargeCcCv, 100);
    private readonly PowerStageStatus _status = new(41.9, 3.95, PowerStageState.ConstantCurrent, PowerStageFaults.None, 315.15);
    private ChargerProtocol _protocol = null!;
    private E2ESupervisor _supervisor = null!;
    private CanFrame _setpointFrame;
    private CanFrame _statusFrame;
    private CanFrame[] _statusSequence = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _protocol = ChargerProtocol.LoadDefault();
        _supervisor = new E2ESupervisor(_protocol.E2E, ["PS_Status"]);
        _protocol.EncodeSetpoint(_setpoint, ref _setpointFrame);
        _protocol.EncodeStatus(_status, ref _statusFrame);

        // Fifteen consecutive counters, so supervising them in a loop always sees a valid sequence.
        var sender = ChargerProtocol.LoadDefault();
        _statusSequence = new CanFrame[15];
        for (int i = 0; i < _statusSequence.Length; i++)
        {
            sender.EncodeStatus(_status, ref _statusSequence[i]);
        }
    }

    [Benchmark]
    public byte EncodeSetpoint()
    {
        _protocol.EncodeSetpoint(_setpoint, ref _setpointFrame);
        return _setpointFrame.Data[0];
    }

    [Benchmark]
    public double DecodeSetpoint() => _protocol.DecodeSetpoint(_setpointFrame.Payload).CurrentLimit_A;

    [Benchmark]
    public byte EncodeStatus()
    {
        _protocol.EncodeStatus(_status, ref _statusFrame);
        return _statusFrame.Data[0];
    }

    [Benchmark]
    public double DecodeStatus() => _protocol.DecodeStatus(_statusFrame.Payload).OutputCurrent_A;

    [Benchmark]
    public E2ECheck SuperviseStatusFrame()
    {
        int i = _next;
        _next = i == 14 ? 0 : i + 1;
        return _supervisor.OnFrame(_statusSequence[i]);
    }

    [Benchmark]
    public double EncodeAndDecodeSetpointAndStatus()
    {
        _protocol.EncodeSetpoint(_setpoint, ref _setpointFrame);
        _protocol.EncodeStatus(_status, ref _statusFrame);
        return _protocol.DecodeSetpoint(_setpointFrame.Payload).CurrentLimit_A + _protocol.DecodeStatus(_statusFrame.Payload).OutputCurrent_A;
    }
}
