using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Baselines;

/// <summary>
/// Pressure-triggered CC (after Huang et al. 2022): charges at the first rate of its list and steps down to the
/// next whenever the measured dP/dQ (least squares of measured stack pressure against counted charge over a
/// window) is above the threshold, at most once per dwell time; the voltage limit is held by the power stage.
/// </summary>
public sealed class PressureTriggeredController : IChargeController
{
    private readonly double[] _current_A;
    private readonly string[] _reasons;
    private readonly string[] _triggered;
    private readonly double _threshold;
    private readonly double _dwell_s;
    private readonly double _voltage_V;
    private readonly DpDqEstimator _dpdq;
    private readonly CoulombCounter _soc;
    private int _k;
    private double _stageStart_s;
    private bool _wasTriggered;

    public PressureTriggeredController(PressureTriggeredSpec spec, ControllerContext context)
    {
        Name = spec.Name;
        _current_A = [.. spec.Rates.Select(r => Math.Min(r.Resolve(context.NominalCapacity_Ah), context.ChargerMaxCurrent_A))];
        _reasons = [.. spec.Rates.Select((r, i) => System.FormattableString.Invariant($"rate {i + 1}/{spec.Rates.Count}: {r.Value:0.##}{(r.IsCRate ? "C" : " A")}"))];
        _triggered = [.. _reasons.Select(r => r + System.FormattableString.Invariant($" (stepped down: dP/dQ > {spec.Threshold_PaPerAh / 1000:0.#} kPa/Ah)"))];
        _threshold = spec.Threshold_PaPerAh;
        _dwell_s = spec.MinimumDwell_s;
        _voltage_V = spec.VoltageLimit_V;
        _dpdq = new DpDqEstimator(spec.Window_s, context.Period_s);
        _soc = new CoulombCounter(context.InitialSocEstimate, context.InitialSocSigma, context.NominalCapacity_Ah);
    }

    public string Name { get; }

    public Estimate StateOfCharge => _soc.Soc;

    /// <summary>The last measured dP/dQ [Pa/(A h)].</summary>
    public double DpDq { get; private set; } = double.NaN;

    public Setpoint Step(in MeasuredSample m, double chargeTime_s)
    {
        _soc.Update(m);
        DpDq = _dpdq.Add(m.Time_s, _soc.Charge_Ah, m.StackPressure_Pa);
        if (DpDq > _threshold && _k < _current_A.Length - 1 && chargeTime_s - _stageStart_s >= _dwell_s)
        {
            _k++;
            _stageStart_s = chargeTime_s;
            _wasTriggered = true;
        }

        return new Setpoint(_current_A[_k], _voltage_V, true, _wasTriggered ? _triggered[_k] : _reasons[_k]);
    }
}
