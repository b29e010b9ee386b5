using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>Fault injection on a tick's inputs: the inputs and the seconds since the fault began.</summary>
internal delegate void Fault(ref SafetyInputs inputs, double sinceFault_s);

/// <summary>A monitor on the default table fed by a <see cref="SyntheticCharge"/>, with a fault from a given time.</summary>
internal sealed class MonitorRun(int seed = 1, double ambient_K = 298.15)
{
    public SafetyMonitor Monitor { get; } = new();

    public SyntheticCharge Charge { get; } = new(seed, ambient_K);

    /// <summary>The last tick's inputs, after the fault.</summary>
    public SafetyInputs Last { get; private set; }

    public int Row(string id) => Monitor.Table.IndexOf(id) is var i and >= 0 ? i : throw new ArgumentException($"no row {id}", nameof(id));

    public DiagnosisRowStatus Status(string id) => Monitor.RowStatus[Row(id)];

    /// <summary>Ticks until <paramref name="until_s"/> (charge time), the fault (if any) applied from <paramref name="faultAt_s"/>; stops early when <paramref name="stop"/> says so.</summary>
    public void RunUntil(double until_s, Fault? fault = null, double faultAt_s = 0, Func<SafetyMonitor, bool>? stop = null)
    {
        while (Charge.Time_s < until_s - 1e-9)
        {
            var inputs = Charge.Next();
            var since_s = Charge.Time_s - faultAt_s;
            if (fault is not null && since_s >= -1e-9)
            {
                fault(ref inputs, since_s);
            }

            Last = inputs;
            Monitor.Tick(inputs);
            if (stop?.Invoke(Monitor) == true)
            {
                return;
            }
        }
    }
}
