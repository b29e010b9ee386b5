using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin;
using ChargeTwin.HilBench.Controllers;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// Accumulates a scenario's metrics from the plant's truth, sample by sample during the charge. Between two
/// samples quantities are taken as linear in time, so the time below 0 V and the target crossing are resolved
/// within a control period.
/// </summary>
public sealed class GroundTruthMetrics(double targetSoc, double coverageK)
{
    private bool _started;
    private double _t0, _throughput0, _plated0, _dead0;
    private double _lastT, _lastEta, _lastLithium, _lastSoc;
    private double _peakT = double.NegativeInfinity, _maxV = double.NegativeInfinity, _minEta = double.PositiveInfinity;
    private double _belowZero_s, _platedBelowZero_mol;
    private double _timeToTarget = double.PositiveInfinity;
    private double _lastPlated, _lastDead, _lastThroughput;
    private int _estimates, _covered;
    private double _sumSq, _maxErr;
    private readonly TwinTruthMetrics _twin = new(coverageK);

    /// <summary>The lower of the separator-interface and per-volume plating overpotentials [V].</summary>
    public static double PlatingOverpotential(in PlantSample s) => Math.Min(s.PlatingOverpotential_V, s.MinimumPlatingOverpotential_V);

    /// <summary>The plant's health relative to the cell file (what the twin's health vector estimates), when a twin is scored.</summary>
    public HealthTruth? HealthTruth
    {
        get => _twin.Truth;
        set => _twin.Truth = value;
    }

    /// <summary>The reaction to injected faults and the false alarms (set by the runner; null: not measured).</summary>
    public FaultReactionMetrics? Reaction { get; set; }

    public bool ReachedTarget => !double.IsPositiveInfinity(_timeToTarget);

    public void Add(in PlantSample s, double chargeThroughput_Ah, Estimate soc, TwinController? twin = null)
    {
        if (twin is not null)
        {
            _twin.Add(s, twin.Telemetry);
        }

        var eta = PlatingOverpotential(s);
        var lithium = s.PlatedLithium_mol + s.DeadLithium_mol;
        if (!_started)
        {
            _started = true;
            _t0 = s.Time_s;
            _throughput0 = chargeThroughput_Ah;
            _plated0 = s.PlatedLithium_mol;
            _dead0 = s.DeadLithium_mol;
        }
        else
        {
            var dt = s.Time_s - _lastT;
            var fraction = (_lastEta < 0, eta < 0) switch
            {
                (true, true) => 1.0,
                (false, false) => 0.0,
                (true, false) => _lastEta / (_lastEta - eta),
                _ => eta / (eta - _lastEta),
            };
            _belowZero_s += fraction * dt;
            _platedBelowZero_mol += fraction * Math.Max(0, lithium - _lastLithium);
            if (!ReachedTarget && s.StateOfCharge >= targetSoc && _lastSoc < targetSoc)
            {
                _timeToTarget = _lastT - _t0 + dt * (targetSoc - _lastSoc) / (s.StateOfCharge - _lastSoc);
            }
        }

        if (!ReachedTarget && s.StateOfCharge >= targetSoc && s.Time_s == _t0)
        {
            _timeToTarget = 0;
        }

        _peakT = Math.Max(_peakT, s.Temperature_K);
        _maxV = Math.Max(_maxV, s.Voltage_V);
        _minEta = Math.Min(_minEta, eta);
        _lastT = s.Time_s;
        _lastEta = eta;
        _lastLithium = lithium;
        _lastSoc = s.StateOfCharge;
        _lastPlated = s.PlatedLithium_mol;
        _lastDead = s.DeadLithium_mol;
        _lastThroughput = chargeThroughput_Ah;
        if (soc.HasValue)
        {
            var e = soc.Mean - s.StateOfCharge;
            _estimates++;
            _sumSq += e * e;
            _maxErr = Math.Max(_maxErr, Math.Abs(e));
            if (Math.Abs(e) <= coverageK * soc.Sigma)
            {
                _covered++;
            }
        }
    }

    /// <summary>The metrics by <see cref="Metric"/> index (base units; NaN where not measured, +∞ time when the target was not reached).</summary>
    public double[] Values()
    {
        const double AhPerMol = PhysicalConstants.Faraday / 3600.0;
        var v = new double[MetricInfo.All.Count];
        v[(int)Metric.TimeToTarget] = _timeToTarget;
        v[(int)Metric.ChargeThroughput] = _lastThroughput - _throughput0;
        v[(int)Metric.PeakTemperature] = _peakT;
        v[(int)Metric.MaxVoltage] = _maxV;
        v[(int)Metric.MinPlatingOverpotential] = _minEta;
        v[(int)Metric.TimeBelowZeroPlating] = _belowZero_s;
        v[(int)Metric.PlatedLithium] = (_lastPlated - _plated0) * AhPerMol;
        v[(int)Metric.DeadLithium] = (_lastDead - _dead0) * AhPerMol;
        v[(int)Metric.PlatedWhileBelowZero] = _platedBelowZero_mol * AhPerMol;
        v[(int)Metric.FinalSoc] = _lastSoc;
        v[(int)Metric.TimeRelativeToOracle] = double.NaN;
        v[(int)Metric.SocEstimateRmsError] = _estimates > 0 ? Math.Sqrt(_sumSq / _estimates) : double.NaN;
        v[(int)Metric.SocEstimateMaxError] = _estimates > 0 ? _maxErr : double.NaN;
        v[(int)Metric.SocIntervalCoverage] = _estimates > 0 ? (double)_covered / _estimates : double.NaN;
        _twin.Fill(v);
        for (var m = Metric.FaultOnsetTime; m <= Metric.WatchedTime; m++)
        {
            v[(int)m] = double.NaN;
        }

        Reaction?.Fill(v);
        return v;
    }
}
