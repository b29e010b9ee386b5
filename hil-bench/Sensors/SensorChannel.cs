using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Sensors;

/// <summary>
/// One sensor: first-order lag of the true value (time constant τ), then bias, Gaussian noise
/// (<see cref="KeyedNoise"/>: a function of the sample instant) and quantisation, then any injected fault. The lag
/// is discretised exactly for a truth that varies linearly between samples (first-order hold), so a channel read
/// every 10 ms and one read every second agree at their common instants to second order in the interval: the
/// sensor does not depend on how often it is read.
/// </summary>
public sealed class SensorChannel
{
    private readonly SensorChannelSpec _spec;
    private readonly ulong _noiseSeed;
    private readonly List<SensorFaultSpec> _faults;
    private double _lagged;
    private double _lastTruth;
    private double _lastTime;
    private bool _started;
    private double _stuckValue = double.NaN;

    public SensorChannel(SensorChannelSpec spec, ulong noiseSeed, IEnumerable<SensorFaultSpec> faults)
    {
        _spec = spec;
        _noiseSeed = noiseSeed;
        _faults = faults.ToList();
    }

    /// <summary>The reading at <paramref name="t_s"/> (charge-relative fault times use <paramref name="chargeTime_s"/>).</summary>
    public double Read(double truth, double t_s, double chargeTime_s)
    {
        if (!_started || _spec.Lag_s <= 0)
        {
            _lagged = truth;
            _started = true;
        }
        else if (t_s > _lastTime)
        {
            // dy/dt = (u − y)/τ with u linear from u₀ to u₁ over Δt: y₁ = a y₀ + (1 − a) u₀ + (u₁ − u₀)(1 − τ(1 − a)/Δt).
            var dt = t_s - _lastTime;
            var a = Math.Exp(-dt / _spec.Lag_s);
            _lagged = (a * _lagged) + ((1 - a) * _lastTruth) + ((truth - _lastTruth) * (1 - (_spec.Lag_s * (1 - a) / dt)));
        }

        _lastTruth = truth;
        _lastTime = t_s;

        var value = _lagged + _spec.Bias + (_spec.Noise * KeyedNoise.Gaussian(_noiseSeed, t_s));
        if (_spec.Quantisation > 0)
        {
            value = Math.Round(value / _spec.Quantisation) * _spec.Quantisation;
        }

        var stuck = false;
        foreach (var f in _faults)
        {
            if (chargeTime_s < f.At_s || chargeTime_s >= f.At_s + f.Duration_s)
            {
                continue;
            }

            if (f.Kind == SensorFaultKind.Offset)
            {
                value += f.Value;
            }
            else if (f.Kind == SensorFaultKind.Stuck)
            {
                stuck = true;
            }
        }

        if (stuck)
        {
            if (double.IsNaN(_stuckValue))
            {
                _stuckValue = value;
            }

            return _stuckValue;
        }

        _stuckValue = double.NaN;
        return value;
    }
}
