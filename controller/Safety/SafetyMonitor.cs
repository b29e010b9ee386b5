namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The table-driven safety monitor: every tick it computes each signal (<see cref="SafetySignals"/>), runs every row
/// of its <see cref="DiagnosisTable"/> through its debounce, and only then decides (react last): the verdict is the
/// most severe active row (equal derates: the lowest current; otherwise the first in the table), with that row's id
/// and precomputed cause. Rows heal by the same debounce on the way back (against their release threshold), except
/// an <see cref="SafetyReaction.EmergencyStop"/> row, which stays latched until <see cref="Reset"/> finds its cause
/// gone. It knows nothing of the twin or the solver. <see cref="Tick"/> allocates nothing.
/// </summary>
public sealed class SafetyMonitor : ISafetyMonitor
{
    private readonly DiagnosisRow[] _rows;
    private readonly DiagnosisRowStatus[] _status;
    private readonly SafetySignals _signals;

    /// <summary>A monitor on the shipped default table (<see cref="DiagnosisTable.Default"/>).</summary>
    public SafetyMonitor()
        : this(DiagnosisTable.Default)
    {
    }

    public SafetyMonitor(DiagnosisTable table)
    {
        Table = table;
        _rows = [.. table.Rows];
        _status = new DiagnosisRowStatus[_rows.Length];
        _signals = new SafetySignals(table.Settings);
    }

    public DiagnosisTable Table { get; }

    public SafetyVerdict Verdict { get; private set; } = SafetyVerdict.Nominal;

    /// <summary>Each row's status after the last tick, in the table's order (index i is <c>Table.Rows[i]</c>).</summary>
    public ReadOnlySpan<DiagnosisRowStatus> RowStatus => _status;

    /// <summary>The state of safety after the last tick: 0 nominal … 1 every margin used.</summary>
    public double StateOfSafety => _signals.StateOfSafety;

    /// <summary>A signal's value at the last tick (NaN when it had no fresh value), for telemetry.</summary>
    public double SignalValue(DiagnosisSignal signal) => _signals[signal];

    public SafetyVerdict Tick(in SafetyInputs inputs)
    {
        _signals.Update(inputs);
        var values = _signals.Values;
        for (var i = 0; i < _rows.Length; i++)
        {
            Evaluate(i, values[(int)_rows[i].Signal.Signal], inputs.TimeNs);
        }

        Verdict = Decide();
        return Verdict;
    }

    public void Reset()
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            ref var s = ref _status[i];
            if (s.Active && !s.ConditionPresent && _rows[i].Reaction.Reaction == SafetyReaction.EmergencyStop)
            {
                s.Active = false;
                s.DebounceCount = 0;
            }
        }

        Verdict = Decide();
    }

    /// <summary>One row's debounce on a fresh value (NaN: no evaluation this tick).</summary>
    private void Evaluate(int i, double value, long nowNs)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var row = _rows[i];
        ref var s = ref _status[i];
        s.ConditionPresent = row.Beyond(value, s.Active ? row.Release : row.Threshold);
        var towardsChange = s.Active ? !s.ConditionPresent : s.ConditionPresent;
        if (!towardsChange || (s.Active && row.Reaction.Reaction == SafetyReaction.EmergencyStop))
        {
            s.DebounceCount = 0;
            return;
        }

        if (s.DebounceCount == 0)
        {
            s.RunStartNs = nowNs;
            if (!s.Active)
            {
                s.FirstDetectedNs = nowNs;
            }
        }

        s.DebounceCount++;
        if (s.DebounceCount >= row.DebounceCount && nowNs - s.RunStartNs >= row.DebounceNs)
        {
            s.Active = !s.Active;
            s.DebounceCount = 0;
            if (s.Active)
            {
                s.ActiveSinceNs = nowNs;
            }
        }
    }

    private SafetyVerdict Decide()
    {
        var best = -1;
        for (var i = 0; i < _rows.Length; i++)
        {
            if (_status[i].Active && (best < 0 || _rows[i].Reaction.Outranks(_rows[best].Reaction)))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return new SafetyVerdict(SafetyReaction.None, double.PositiveInfinity, null, "", StateOfSafety);
        }

        var row = _rows[best];
        return new SafetyVerdict(row.Reaction.Reaction, row.Reaction.Limit_A, row.Id, row.Cause, StateOfSafety);
    }
}
