using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin;
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

    public void Record(in PlantSample s, in MeasuredSample m, double chargeTime_s, in Setpoint sp, Estimate estimate, string phase, string mode, TwinController? twin = null)
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
            s.NegativeSurfaceStoichiometryAtSeparator, s.NegativeSurfaceStoichiometryAverage, s.PositiveSurfaceStoichiometryAverage,
        ];
        Span<double> row = stackalloc double[ScenarioTrace.DoubleColumns.Length];
        values.CopyTo(row);
        TwinColumns(twin, row[values.Length..]);
        trace.Add(row, phase, mode, sp.Reason);
    }

    private static void TwinColumns(TwinController? twin, Span<double> c)
    {
        if (twin is null)
        {
            c.Fill(double.NaN);
            return;
        }

        ref readonly var t = ref twin.Telemetry;
        var i = 0;
        void Put(Estimate e, Span<double> c)
        {
            c[i++] = e.Mean;
            c[i++] = e.Sigma;
        }

        Put(t.CoreTemperature_K, c);
        Put(t.PlatingOverpotential_V, c);
        Put(t.NegativeSurfaceStoichiometry, c);
        Put(t.PositiveSurfaceStoichiometry, c);
        Put(t.LithiumInventoryLoss, c);
        Put(t.NegativeActiveMaterialLoss, c);
        Put(t.PositiveActiveMaterialLoss, c);
        Put(t.ResistanceGrowth_Ohm, c);
        c[i++] = t.PredictedVoltage_V;
        c[i++] = t.NothingAdmissible ? -1 : (int)t.Binding;
        c[i++] = t.Slack;
        c[i++] = t.EvidenceMargin_V;
        c[i++] = t.PressureEvidence;
        c[i++] = t.PressureAlarm ? 1 : 0;
        c[i++] = t.VoltageEvidence;
        c[i++] = t.VoltageAlarm ? 1 : 0;
        c[i] = t.RejectedNotFinite + t.RejectedOutOfRange + t.RejectedGated;
}
}
