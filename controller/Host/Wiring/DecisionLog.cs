using System.Globalization;
using System.Text;
using ChargeTwin.RtCore.Rings;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// The decision log as CSV: the loop thread writes <see cref="DecisionRecord"/>s into a lock-free ring, the log-writer
/// thread (<see cref="LogDrainer"/>, or the caller) formats them with <see cref="Drain"/>. Numbers are written round-trip exact, so two logs of
/// the same run — live and replayed, JIT and NativeAOT — compare byte for byte. A full ring drops the record and
/// counts it in <see cref="Dropped"/>; nothing is lost silently.
/// </summary>
public sealed class DecisionLog : IDisposable
{
    public const string Header = "t_s,decided,state,V,I_A,T_K,P_Pa,decided_I_A,decided_V,decided_enable,sent_I_A,sent_V,sent_enable,reaction,diagnosis,soc,soc_sigma,overruns,skipped,reason";

    private readonly SpscRing<DecisionRecord> _ring;
    private readonly TextWriter? _writer;
    private readonly StringBuilder _line = new(256);

    /// <summary>A log into <paramref name="writer"/> (null: records are taken off the ring and not kept).</summary>
    public DecisionLog(TextWriter? writer, int capacity = 4096)
    {
        _ring = new SpscRing<DecisionRecord>(capacity);
        _writer = writer;
        _writer?.Write(Header + "\n");
    }

    /// <summary>Records refused because the ring was full.</summary>
    public long Dropped => _ring.Refused;

    /// <summary>Records written.</summary>
    public long Written { get; private set; }

    /// <summary>Loop thread: queues a record. Allocation free.</summary>
    public void Add(in DecisionRecord record) => _ring.TryWrite(record);

    /// <summary>Formats every queued record. One thread only (the writer thread, or the caller when not in the background).</summary>
    public void Drain()
    {
        while (_ring.TryRead(out var r))
        {
            if (_writer is null)
            {
                continue;
            }

            _line.Clear();
            var c = CultureInfo.InvariantCulture;
            _line.Append(c, $"{r.TimeNs / 1e9:R},{(r.Decided ? 1 : 0)},{r.State},");
            _line.Append(c, $"{r.Measured.Voltage_V:R},{r.Measured.Current_A:R},{r.Measured.Temperature_K:R},{r.Measured.StackPressure_Pa:R},");
            _line.Append(c, $"{r.Decision.CurrentLimit_A:R},{r.Decision.VoltageLimit_V:R},{(r.Decision.Enable ? 1 : 0)},");
            _line.Append(c, $"{r.Sent.CurrentLimit_A:R},{r.Sent.VoltageLimit_V:R},{(r.Sent.Enable ? 1 : 0)},");
            _line.Append(c, $"{r.Reaction},{r.DiagnosisId},{r.Soc.Mean:R},{r.Soc.Sigma:R},{r.Overruns},{r.SkippedReleases},");
            Quoted(r.Sent.Reason);
            _writer.Write(_line);
            _writer.Write('\n');
            Written++;
        }
    }

    /// <summary>Writes what is left and closes the file (after the loop and the drainer have stopped).</summary>
    public void Dispose()
    {
        Drain();
        _writer?.Flush();
        _writer?.Dispose();
    }

    private void Quoted(string text)
    {
        _line.Append('"');
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                _line.Append('"');
            }

            _line.Append(ch);
        }

        _line.Append('"');
    }
}
