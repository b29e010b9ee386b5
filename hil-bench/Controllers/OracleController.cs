using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Controllers;

/// <summary>
/// The bench's physical reference for "as fast as possible without plating". Every decision interval it
/// forks the <em>true</em> plant and searches for the largest current I such that the fork, driven through the
/// same power-stage emulation (slew, voltage loop) at I for the horizon, keeps the true plating overpotential
/// (the lower of the separator-interface and per-volume minima) ≥ the margin and the temperature ≤ its limit at
/// every checkpoint of the horizon. The search starts from the previous answer (a bracket that is usually one
/// or two evaluations wide), expands or contracts geometrically, then bisects to the resolution, with at most
/// <see cref="OracleSpec.MaxEvaluations"/> forked runs per decision; a decision therefore errs low by less
/// than the resolution unless the cap cuts it short (<see cref="CappedDecisions"/> counts those).
/// </summary>
public sealed class OracleController : IChargeController
{
    private const int Checkpoints = 6;
    private readonly CellSimulator _truth;
    private readonly OracleSpec _spec;
    private readonly PowerStageRatings _stage;
    private readonly double _maxCurrent_A;
    private readonly double _resolution_A;
    private readonly string _reasonPlating;
    private readonly string _reasonMax;
    private double _nextDecision_s;
    private double _current_A = double.NaN;
    private string _reason = "oracle";

    public OracleController(OracleSpec spec, ControllerContext context, CellSimulator truth, PowerStageRatings stage)
    {
        Name = spec.Name;
        _spec = spec;
        _truth = truth;
        _stage = stage;
        _maxCurrent_A = Math.Min(spec.MaxCurrent.Resolve(context.NominalCapacity_Ah), context.ChargerMaxCurrent_A);
        _resolution_A = spec.Resolution.Resolve(context.NominalCapacity_Ah);
        _reasonPlating = System.FormattableString.Invariant($"oracle: largest current keeping true η_Li ≥ {spec.Margin_V * 1000:0.#} mV and T ≤ {spec.MaxTemperature_K - 273.15:0.#} °C over {spec.Horizon_s:0} s");
        _reasonMax = "oracle: at its current limit";
    }

    public string Name { get; }

    /// <summary>Forked-plant runs so far.</summary>
    public int Evaluations { get; private set; }

    public int Decisions { get; private set; }

    /// <summary>Decisions the evaluation cap ended before the bracket was narrower than the resolution.</summary>
    public int CappedDecisions { get; private set; }

    public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
    {
        if (chargeTime_s >= _nextDecision_s - 1e-9)
        {
            Decide();
            _nextDecision_s = chargeTime_s + _spec.DecisionInterval_s;
        }

        return new Setpoint(_current_A, _spec.VoltageLimit_V, true, _reason);
    }

    private void Decide()
    {
        Decisions++;
        var evaluations = 0;
        bool Feasible(double current)
        {
            evaluations++;
            Evaluations++;
            return Holds(current);
        }

        var lo = 0.0;
        var hi = double.NaN;
        var guess = double.IsNaN(_current_A) ? _maxCurrent_A : Math.Clamp(_current_A, 0, _maxCurrent_A);
        var step = Math.Max(4 * _resolution_A, 0.1 * Math.Max(guess, _resolution_A));
        if (guess > 0 && Feasible(guess))
        {
            lo = guess;
            while (lo < _maxCurrent_A && evaluations < _spec.MaxEvaluations)
            {
                var c = Math.Min(_maxCurrent_A, lo + step);
                if (Feasible(c))
                {
                    lo = c;
                    step *= 2;
                }
                else
                {
                    hi = c;
                    break;
                }
            }
        }
        else
        {
            hi = guess;
            while (evaluations < _spec.MaxEvaluations)
            {
                var c = hi - step;
                if (c <= _resolution_A)
                {
                    lo = 0;
                    break;
                }

                if (Feasible(c))
                {
                    lo = c;
                    break;
                }

                hi = c;
                step *= 2;
            }
        }

        while (!double.IsNaN(hi) && hi - lo > _resolution_A && evaluations < _spec.MaxEvaluations)
        {
            var mid = 0.5 * (lo + hi);
            if (Feasible(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        if (!double.IsNaN(hi) && hi - lo > _resolution_A)
        {
            CappedDecisions++;
        }

        _current_A = lo;
        _reason = lo >= _maxCurrent_A ? _reasonMax : _reasonPlating;
    }

    private bool Holds(double current_A)
    {
        var fork = _truth.Fork();
        var stage = new PowerStageEmulator(_stage);
        var t0 = fork.Time_s;
        stage.Apply(new PowerStageCommand(current_A, _spec.VoltageLimit_V, true), fork);
        for (var k = 1; k <= Checkpoints; k++)
        {
            stage.AdvanceTo(fork, t0 + _spec.Horizon_s * k / Checkpoints);
            var s = fork.Sample();
            if (Math.Min(s.PlatingOverpotential_V, s.MinimumPlatingOverpotential_V) < _spec.Margin_V || s.Temperature_K > _spec.MaxTemperature_K)
            {
                return false;
            }
        }

        return true;
    }
}
