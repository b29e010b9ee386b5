using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Writes a scenario's trace, one row per control period: the plant's truth beside what the controller read and
/// decided. It also keeps the bench's own dP/dQ of the measured pressure against the measured charge (a column of
/// the trace, for the reader; no controller sees it).
/// </summary>
internal sealed class ScenarioRecorder(CellSimulator plant, ScenarioTrace? trace, double period_s)
{
    private const double MilliampereHoursPerMole = PhysicalConstants.Faraday / 3.6;
    private readonly DpDqEstimator _dpdq = new(120, period_s);
    private double _countedCharge_Ah;
    private double _lastCurrent_A = double.NaN;
    private double _lastTime_s;

    public void Record(in PlantSample s, in MeasuredSample m, double chargeTime_s, in Setpoint sp, Estimate estimate, string phase, string mode)
    {
        if (!double.IsNaN(_lastCurrent_A))
        {
            _countedCharge_Ah += 0.5 * (_lastCurrent_A + m.Current_A) * (m.Time_s - _lastTime_s) / 3600;
        }

        _lastCurrent_A = m.Current_A;
        _lastTime_s = m.Time_s;
        var slope = _dpdq.Add(m.Time_s, _countedCharge_Ah, m.StackPressure_Pa);
        if (trace is null)
        {
            return;
        }

        ReadOnlySpan<double> values =
        [
            s.Time_s, chargeTime_s,
            s.Current_A, s.Voltage_V, s.Temperature_K, s.StackPressure_Pa, s.StateOfCharge,
            s.PlatingOverpotential_V, s.MinimumPlatingOverpotential_V, s.PlatedLithium_mol * MilliampereHoursPerMole, s.DeadLithium_mol * MilliampereHoursPerMole,
            plant.ChargeThroughput_Ah(s),
            m.Voltage_V, m.Current_A, m.Temperature_K, m.StackPressure_Pa, slope,
            sp.CurrentLimit_A, sp.VoltageLimit_V, estimate.Mean, estimate.Sigma,
        ];
        trace.Add(values, phase, mode, sp.Reason);
    }
}
