using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Faults;

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
    private readonly SensorChannelId _id;
    private readonly ulong _noiseSeed;
    private readonly FaultTimeline _timeline;
    private readonly int[] _faults;
    private double _lagged;
    private double _lastTruth;
    private double _lastTime;
    private bool _started;
    private double _stuckValue = double.NaN;

    public SensorChannel(SensorChannelSpec spec, SensorChannelId id, ulong noiseSeed, FaultTimeline timeline)
    {
        _spec = spec;
        _id = id;
        _noiseSeed = noiseSeed;
        _timeline = timeline;
        _faults = timeline.IndicesOf(FaultTarget.Sensor, id);
    }

    /// <summary>A channel on its own with its own faults (all on one channel, which is taken as this one's).</summary>
    public SensorChannel(SensorChannelSpec spec, ulong noiseSeed, IReadOnlyList<FaultSpec> faults)
        : this(spec, faults.Count > 0 ? faults[0].Channel : SensorChannelId.Voltage, noiseSeed, new FaultTimeline(faults))
    {
    }

    /// <summary>
    /// What a channel reads when its input is open: the voltage sense line and the current (shunt) amplifier's input
    /// are pulled to zero by their bias resistors — 0 V and 0 A; the NTC thermistor's divider goes to full scale,
    /// which its table reads as its coldest point, the DBC's −40 °C; the load-cell bridge gives no signal — 0 Pa. The
    /// front end does not flag it (its MeasStatus stays 0): finding it is the safety monitor's plausibility checks' job.
    /// </summary>
    public static double OpenCircuitReading(SensorChannelId id) => id switch
    {
        SensorChannelId.Temperature => 233.15,
        _ => 0,
    };

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

        var noiseFactor = 1.0;
        foreach (var i in _faults)
        {
            if (_timeline.Faults[i].Kind == FaultKind.NoiseBurst && _timeline.Active(i, chargeTime_s))
            {
                noiseFactor *= _timeline.Faults[i].Value;
            }
        }

        var value = _lagged + _spec.Bias + (noiseFactor * _spec.Noise * KeyedNoise.Gaussian(_noiseSeed, t_s));
        if (_spec.Quantisation > 0)
        {
            value = Math.Round(value / _spec.Quantisation) * _spec.Quantisation;
        }

        return Faulted(value, chargeTime_s);
    }

    /// <summary>The active faults applied to the sensor's own reading, in the order of the file; stuck holds what the others made of it.</summary>
    private double Faulted(double value, double chargeTime_s)
    {
        var stuck = false;
        foreach (var i in _faults)
        {
            if (!_timeline.Active(i, chargeTime_s))
            {
                continue;
            }

            var f = _timeline.Faults[i];
            switch (f.Kind)
            {
                case FaultKind.Offset:
                    value += f.Value;
                    break;
                case FaultKind.Drift:
                    value += f.Value * (chargeTime_s - _timeline.Onset_s(i));
                    break;
                case FaultKind.OpenCircuit:
                    value = OpenCircuitReading(_id);
                    break;
                case FaultKind.Stuck:
                    stuck = true;
                    break;
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
