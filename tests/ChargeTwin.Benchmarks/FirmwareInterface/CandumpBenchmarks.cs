using BenchmarkDotNet.Attributes;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Logs;

namespace ChargeTwin.Benchmarks.FirmwareInterface;

/// <summary>Cost of recording: the loop thread's ring push, and the logging thread's line formatting.</summary>
[MemoryDiagnoser]
public class CandumpBenchmarks
{
    private readonly char[] _line = new char[64];
    private CandumpRecorder _recorder = null!;
    private CanFrame _frame;

    [GlobalSetup]
    public void Setup()
    {
        _recorder = new CandumpRecorder("can0", 1_735_689_600L * 1_000_000_000, capacity: 1 << 16);
        _frame = new CanFrame(0x180, [0x5A, 0x13, 0x34, 0x12, 0x6C, 0x0F, 0x00, 0x4B], timestampNs: 123_456_789);
    }

    [Benchmark]
    public int FormatLogLine() => CandumpFormat.Format(_frame, 1_735_689_600_123_456_000, "can0", _line);

    [Benchmark]
    public int RecordAndDrain()
    {
        _recorder.Record(_frame);
        return _recorder.DrainTo(TextWriter.Null);
    }
}
