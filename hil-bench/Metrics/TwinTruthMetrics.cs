using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// How the twin's beliefs compare with the plant's truth over a charge: RMS error and ±kσ coverage of the plating
/// overpotential at the separator and of the core temperature, counted after the first
/// <see cref="SettlingTime_s"/> (the filter's first minute is its prior, not its estimate); and when the plating
/// detectors alarmed against when the true overpotential first fell below 0 V, each as the true SOC at the time;
/// and at the end of the charge each health-vector component's error and whether its ±kσ holds the truth.
/// </summary>
internal sealed class TwinTruthMetrics(double coverageK)
{
    public const double SettlingTime_s = 60;
    private double _t0 = double.NaN;
    private int _n, _etaCovered, _tCovered;
    private double _etaSumSq, _tSumSq;
    private double _onsetSoc = double.NaN, _pressureAlarmSoc = double.NaN, _voltageAlarmSoc = double.NaN;
    private TwinTelemetry _last;
    private bool _any;

    /// <summary>The true health vector the final estimate is scored against.</summary>
    public HealthTruth? Truth { get; set; }

    public void Add(in PlantSample s, in TwinTelemetry t)
    {
        if (double.IsNaN(_t0))
        {
            _t0 = s.Time_s;
        }

        _last = t;
        _any = true;

        if (double.IsNaN(_onsetSoc) && s.PlatingOverpotential_V < 0)
        {
            _onsetSoc = s.StateOfCharge;
        }

        if (double.IsNaN(_pressureAlarmSoc) && t.PressureAlarm)
        {
            _pressureAlarmSoc = s.StateOfCharge;
        }

        if (double.IsNaN(_voltageAlarmSoc) && t.VoltageAlarm)
        {
            _voltageAlarmSoc = s.StateOfCharge;
        }

        if (s.Time_s - _t0 < SettlingTime_s || !t.PlatingOverpotential_V.HasValue)
        {
            return;
        }

        _n++;
        var eta = t.PlatingOverpotential_V.Mean - s.PlatingOverpotential_V;
        _etaSumSq += eta * eta;
        _etaCovered += Covers(t.PlatingOverpotential_V, s.PlatingOverpotential_V) ? 1 : 0;
        var dT = t.CoreTemperature_K.Mean - s.Temperature_K;
        _tSumSq += dT * dT;
        _tCovered += Covers(t.CoreTemperature_K, s.Temperature_K) ? 1 : 0;
    }

    public void Fill(double[] v)
    {
        v[(int)Metric.PlatingEstimateRmsError] = _n > 0 ? Math.Sqrt(_etaSumSq / _n) : double.NaN;
        v[(int)Metric.PlatingIntervalCoverage] = _n > 0 ? (double)_etaCovered / _n : double.NaN;
        v[(int)Metric.CoreTemperatureRmsError] = _n > 0 ? Math.Sqrt(_tSumSq / _n) : double.NaN;
        v[(int)Metric.CoreTemperatureIntervalCoverage] = _n > 0 ? (double)_tCovered / _n : double.NaN;
        v[(int)Metric.PlatingOnsetSoc] = _onsetSoc;
        v[(int)Metric.PressureAlarmSoc] = _pressureAlarmSoc;
        v[(int)Metric.VoltageAlarmSoc] = _voltageAlarmSoc;
        if (_any && Truth is { } h)
        {
            Health(v, Metric.LliError, Metric.LliCovered, _last.LithiumInventoryLoss, h.LithiumInventoryLoss);
            Health(v, Metric.LamNegativeError, Metric.LamNegativeCovered, _last.NegativeActiveMaterialLoss, h.NegativeActiveMaterialLoss);
            Health(v, Metric.LamPositiveError, Metric.LamPositiveCovered, _last.PositiveActiveMaterialLoss, h.PositiveActiveMaterialLoss);
            Health(v, Metric.ResistanceGrowthError, Metric.ResistanceGrowthCovered, _last.ResistanceGrowth_Ohm, h.ResistanceGrowth_Ohm);
        }
        else
        {
            foreach (var m in (ReadOnlySpan<Metric>)[Metric.LliError, Metric.LliCovered, Metric.LamNegativeError, Metric.LamNegativeCovered, Metric.LamPositiveError, Metric.LamPositiveCovered, Metric.ResistanceGrowthError, Metric.ResistanceGrowthCovered])
            {
                v[(int)m] = double.NaN;
            }
        }
    }

    /// <summary>The final estimate's error and whether its ±kσ holds the truth (1 or 0).</summary>
    private void Health(double[] v, Metric error, Metric covered, Estimate estimate, double truth)
    {
        v[(int)error] = estimate.Mean - truth;
        v[(int)covered] = Covers(estimate, truth) ? 1 : 0;
    }

    private bool Covers(Estimate e, double truth) => Math.Abs(e.Mean - truth) <= coverageK * e.Sigma;
}
