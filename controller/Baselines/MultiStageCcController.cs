using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Baselines;

/// <summary>
/// Multi-stage constant current (Attia et al. 2020 style): a C-rate per SOC window, the SOC counted from the
/// measured current; the voltage limit is held by the power stage (CV). After the last window it keeps the last
/// rate (Attia's protocols continue with CC-CV), so the bench decides when the target is reached.
/// </summary>
public sealed class MultiStageCcController : IChargeController
{
    private readonly CcStage[] _stages;
    private readonly double[] _current_A;
    private readonly string[] _reasons;
    private readonly double _voltage_V;
    private readonly CoulombCounter _soc;

    public MultiStageCcController(MultiStageCcSpec spec, ControllerContext context)
    {
        Name = spec.Name;
        _stages = [.. spec.Stages];
        _current_A = [.. _stages.Select(s => Math.Min(s.Rate.Resolve(context.NominalCapacity_Ah), context.ChargerMaxCurrent_A))];
        _reasons = [.. _stages.Select((s, i) => System.FormattableString.Invariant($"stage {i + 1}/{_stages.Length}: {s.Rate.Value:0.##}{(s.Rate.IsCRate ? "C" : " A")} until SOC {s.UntilSoc * 100:0} %"))];
        _voltage_V = spec.VoltageLimit_V;
        _soc = new CoulombCounter(context.InitialSocEstimate, context.InitialSocSigma, context.NominalCapacity_Ah);
    }

    public string Name { get; }

    public Estimate StateOfCharge => _soc.Soc;

    public Setpoint Step(in MeasuredSample m, double chargeTime_s)
    {
        _soc.Update(m);
        var soc = _soc.Soc.Mean;
        var k = 0;
        while (k < _stages.Length - 1 && soc >= _stages[k].UntilSoc)
        {
            k++;
        }

        return new Setpoint(_current_A[k], _voltage_V, true, _reasons[k]);
    }
}
