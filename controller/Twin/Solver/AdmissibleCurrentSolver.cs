namespace ChargeTwin.Controller.Twin.Solver;

/// <summary>
/// The largest current in [0, I_max], at most the ramp above the previous one, whose predicted horizon keeps
/// η_Li − k σ ≥ η_min, T_core + k σ ≤ T_max, V + k σ ≤ V_max and the electrolyte above its floor (MPC style: one constant current over the
/// horizon, re-decided every period). Feasibility falls with the current, so the search brackets it: the ramp's
/// upper end first (usually feasible while the current ramps up, one prediction), else zero and the last answer,
/// then regula falsi (Illinois) on the tightest normalised slack, keeping the feasible end, until the bracket is
/// narrower than the resolution or the evaluation budget is spent. The answer is always a current that was
/// predicted feasible, or zero; a prediction that is not a number counts as infeasible.
/// </summary>
public sealed class AdmissibleCurrentSolver
{
    // Slacks are compared as slack / scale: 10 mV of plating overpotential, 1 K, 10 mV of terminal voltage.
    private const double PlatingScale_V = 0.01;
    private const double TemperatureScale_K = 1.0;
    private const double VoltageScale_V = 0.01;
    private const double ElectrolyteScale = 0.1;
    private readonly SolverLimits _limits;
    private HorizonPrediction _prediction;

    public AdmissibleCurrentSolver(SolverLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
    }

    public SolverLimits Limits => _limits;

    /// <param name="predictor">The horizon model at the estimator's present state.</param>
    /// <param name="previousCurrent_A">The last admissible current (the ramp starts there; NaN = none yet: start from 0).</param>
    /// <param name="dt_s">Time since the last decision.</param>
    /// <param name="extraPlatingMargin_V">Added to η_min while plating evidence is raised (≥ 0).</param>
    /// <param name="currentLimit_A">A further cap this period (e.g. the charger's), ≤ I_max applies.</param>
    public AdmissibleDecision Solve(IHorizonPredictor predictor, double previousCurrent_A, double dt_s, double extraPlatingMargin_V, double currentLimit_A = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var extra = double.IsFinite(extraPlatingMargin_V) ? Math.Max(0, extraPlatingMargin_V) : 0;
        var limit = Math.Min(_limits.MaxCurrent_A, double.IsNaN(currentLimit_A) ? 0 : Math.Max(0, currentLimit_A));
        var previous = double.IsFinite(previousCurrent_A) ? Math.Clamp(previousCurrent_A, 0, limit) : 0;
        var ramped = double.IsFinite(dt_s) && dt_s > 0 ? previous + _limits.RampRate_APerS * dt_s : previous;
        var upper = Math.Min(limit, ramped);
        var upperBinding = upper >= limit ? BindingConstraint.CurrentLimit : BindingConstraint.Ramp;
        var evaluations = 1;

        var sHi = Slack(predictor, upper, extra, out var bindingHi, out var rawHi);
        if (sHi >= 0)
        {
            return new AdmissibleDecision(upper, upperBinding, upperBinding == BindingConstraint.CurrentLimit ? limit - upper : ramped - upper, false, evaluations);
        }

        // Infeasible at the top: find a feasible lower end, trying the previous answer before zero.
        double lo = 0, sLo = double.NaN;
        BindingConstraint bindingLo = bindingHi;
        double rawLo = rawHi;
        var hi = upper;
        if (previous > 0 && previous < upper)
        {
            evaluations++;
            var s = Slack(predictor, previous, extra, out var b, out var raw);
            if (s >= 0)
            {
                (lo, sLo, bindingLo, rawLo) = (previous, s, b, raw);
            }
            else
            {
                (hi, sHi, bindingHi) = (previous, s, b);
            }
        }

        if (double.IsNaN(sLo))
        {
            evaluations++;
            var s0 = Slack(predictor, 0, extra, out var b0, out var raw0);
            if (!(s0 >= 0))
            {
                return new AdmissibleDecision(0, b0, double.IsNaN(raw0) ? double.NegativeInfinity : raw0, true, evaluations);
            }

            (lo, sLo, bindingLo, rawLo) = (0, s0, b0, raw0);
        }

        // Illinois regula falsi: sLo ≥ 0 > sHi; halve the weight of an end that stays.
        var side = 0;
        while (hi - lo > _limits.Resolution_A && evaluations < _limits.MaxEvaluations)
        {
            var mid = double.IsFinite(sHi) && sLo - sHi > 0 ? lo + (hi - lo) * sLo / (sLo - sHi) : 0.5 * (lo + hi);

            // Keep the trial inside the bracket by at least a tenth of the resolution.
            var guard = 0.1 * _limits.Resolution_A;
            mid = Math.Clamp(mid, lo + guard, hi - guard);
            evaluations++;
            var s = Slack(predictor, mid, extra, out var b, out var raw);
            if (s >= 0)
            {
                (lo, sLo, bindingLo, rawLo) = (mid, s, b, raw);
                if (side == -1)
                {
                    sHi *= 0.5;
                }

                side = -1;
            }
            else
            {
                (hi, sHi) = (mid, double.IsNaN(s) ? double.NegativeInfinity : s);
                bindingHi = b;
                if (side == 1)
                {
                    sLo *= 0.5;
                }

                side = 1;
            }
        }

        // The constraint that failed just above the answer is the one that binds it.
        _ = bindingLo;
        return new AdmissibleDecision(lo, bindingHi, rawLo, false, evaluations);
    }

    /// <summary>
    /// The tightest normalised slack at a current (NaN if any prediction is not a number), the constraint it
    /// belongs to and that constraint's slack in its own units.
    /// </summary>
    private double Slack(IHorizonPredictor predictor, double current_A, double extra_V, out BindingConstraint binding, out double raw)
    {
        _prediction = default;
        predictor.Predict(current_A, ref _prediction);
        var p = _prediction;
        var k = _limits.K;
        var plating = p.MinPlatingOverpotential_V - k * Math.Abs(p.PlatingOverpotentialSigma_V) - (_limits.MinPlatingOverpotential_V + extra_V);
        var temperature = _limits.MaxCoreTemperature_K - (p.MaxCoreTemperature_K + k * Math.Abs(p.CoreTemperatureSigma_K));
        var voltage = _limits.MaxVoltage_V - (p.MaxVoltage_V + k * Math.Abs(p.VoltageSigma_V));
        var electrolyte = p.MinElectrolyteFraction - _limits.MinElectrolyteFraction;

        binding = BindingConstraint.Plating;
        raw = plating;
        var tightest = plating / PlatingScale_V;
        if (double.IsNaN(tightest) || temperature / TemperatureScale_K < tightest)
        {
            binding = BindingConstraint.Temperature;
            raw = temperature;
            tightest = temperature / TemperatureScale_K;
        }

        if (double.IsNaN(tightest) || voltage / VoltageScale_V < tightest)
        {
            binding = BindingConstraint.Voltage;
            raw = voltage;
            tightest = voltage / VoltageScale_V;
        }

        if (double.IsNaN(tightest) || electrolyte / ElectrolyteScale < tightest)
        {
            binding = BindingConstraint.Electrolyte;
            raw = electrolyte;
            tightest = electrolyte / ElectrolyteScale;
        }

        return double.IsNaN(plating) || double.IsNaN(temperature) || double.IsNaN(voltage) || double.IsNaN(electrolyte) ? double.NaN : tightest;
    }
}
