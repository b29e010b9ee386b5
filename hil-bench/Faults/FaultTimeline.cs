using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Faults;

/// <summary>
/// When each of a scenario's faults is active. A fault given <c>at</c> a charge time begins then; one given
/// <c>at_soc</c> begins at the first control instant at which <see cref="Arm"/> sees the true SOC at or above it
/// (the bench's truth; nothing here reaches the controller). Each lasts its duration from its onset. The sensor
/// models, the frame injector, the power stage and the plant ask it; the reaction metrics read the onsets.
/// </summary>
public sealed class FaultTimeline
{
    private readonly FaultSpec[] _faults;
    private readonly double[] _onset_s;

    public FaultTimeline(IReadOnlyList<FaultSpec> faults)
    {
        _faults = [.. faults];
        _onset_s = new double[_faults.Length];
        for (var i = 0; i < _faults.Length; i++)
        {
            _onset_s[i] = _faults[i].TriggeredBySoc ? double.NaN : _faults[i].At_s;
        }
    }

    public static FaultTimeline Empty { get; } = new([]);

    public IReadOnlyList<FaultSpec> Faults => _faults;

    public int Count => _faults.Length;

    /// <summary>At a control instant: SOC-triggered faults whose SOC the cell has reached begin now.</summary>
    public void Arm(double chargeTime_s, double trueSoc)
    {
        for (var i = 0; i < _faults.Length; i++)
        {
            if (double.IsNaN(_onset_s[i]) && trueSoc >= _faults[i].AtSoc)
            {
                _onset_s[i] = chargeTime_s;
            }
        }
    }

    /// <summary>When fault i began, or begins [s of charge time]; NaN while a SOC-triggered fault waits for its SOC.</summary>
    public double Onset_s(int i) => _onset_s[i];

    /// <summary>True while fault i acts at <paramref name="chargeTime_s"/>.</summary>
    public bool Active(int i, double chargeTime_s) =>
        chargeTime_s >= _onset_s[i] && chargeTime_s - _onset_s[i] < _faults[i].Duration_s;

    /// <summary>The earliest onset among the faults that have begun by <paramref name="chargeTime_s"/>, or NaN.</summary>
    public double FirstOnset_s(double chargeTime_s)
    {
        var first = double.NaN;
        foreach (var t in _onset_s)
        {
            if (t <= chargeTime_s && !(first <= t))
            {
                first = t;
            }
        }

        return first;
    }

    /// <summary>True when any fault of the kind acts now.</summary>
    public bool Any(FaultKind kind, double chargeTime_s)
    {
        for (var i = 0; i < _faults.Length; i++)
        {
            if (_faults[i].Kind == kind && Active(i, chargeTime_s))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The controller is hung (its loop does not tick).</summary>
    public bool ControllerHung(double chargeTime_s) => Any(FaultKind.HeartbeatLoss, chargeTime_s);

    /// <summary>The indices of the faults that act on one target (and, for sensors, one channel).</summary>
    public int[] IndicesOf(FaultTarget target, Campaigns.SensorChannelId? channel = null)
    {
        var list = new List<int>();
        for (var i = 0; i < _faults.Length; i++)
        {
            if (_faults[i].Target == target && (channel is null || _faults[i].Channel == channel))
            {
                list.Add(i);
            }
        }

        return [.. list];
    }

    /// <summary>What the active plant faults make of the cell at <paramref name="chargeTime_s"/>.</summary>
    public PlantFaultState PlantState(double chargeTime_s)
    {
        var state = PlantFaultState.None;
        for (var i = 0; i < _faults.Length; i++)
        {
            if (!Active(i, chargeTime_s))
            {
                continue;
            }

            var f = _faults[i];
            state = f.Kind switch
            {
                FaultKind.CoolingFailure => state with { CoolingFraction = state.CoolingFraction * f.Value },
                FaultKind.InternalShort => state with { ShortConductance_S = state.ShortConductance_S + (1 / f.Value) },
                FaultKind.SelfHeating => state with { SelfHeatingPower_W = f.Value, SelfHeatingReference_K = f.Reference_K, SelfHeatingActivation_JPerMol = f.ActivationEnergy_JPerMol },
                _ => state,
            };
        }

        return state;
    }

    /// <summary>What the active power-stage faults make of the stage: the current's factor, and whether it is stuck.</summary>
    public (double OvershootFactor, bool Stuck) StageState(double chargeTime_s)
    {
        var factor = 1.0;
        var stuck = false;
        for (var i = 0; i < _faults.Length; i++)
        {
            if (Active(i, chargeTime_s))
            {
                factor *= _faults[i].Kind == FaultKind.StageOvershoot ? _faults[i].Value : 1;
                stuck |= _faults[i].Kind == FaultKind.StageStuck;
            }
        }

        return (factor, stuck);
    }

    /// <summary>True when a scenario may contain an internal short (the plant then carries the short's current as an unknown).</summary>
    public bool HasInternalShort => _faults.Any(f => f.Kind == FaultKind.InternalShort);
}
