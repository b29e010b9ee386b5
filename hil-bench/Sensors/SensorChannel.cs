using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Sensors;

/// <summary>
/// One sensor: first-order lag of the true value (time constant τ, exact discretisation over the sample
/// interval), then bias, Gaussian noise (<see cref="SensorNoise"/>: a function of the sample instant) and
/// quantisation, then any injected fault.
/// </summary>
public sealed class SensorChannel
{
    private readonly SensorChannelSpec _spec;
    private readonly ulong _noiseSeed;
    private readonly List<SensorFaultSpec> _faults;
    private double _lagged;
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
        else
        {
            var a = Math.Exp(-(t_s - _lastTime) / _spec.Lag_s);
            _lagged = a * _lagged + (1 - a) * truth;
        }

        _lastTime = t_s;

        var value = _lagged + _spec.Bias + (_spec.Noise * SensorNoise.Gaussian(_noiseSeed, t_s));
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
