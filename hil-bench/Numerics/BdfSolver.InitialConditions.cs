namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Consistent initial conditions (IDA's IDACalcIC with IDA_YA_YDP_INIT): the differential components of y are kept,
/// the algebraic components of y and the differential components of y' are found by a damped Newton iteration on
/// F(t0, y, y') = 0 with the iteration matrix ∂F/∂y + cj·∂F/∂y' for an artificial step h = 1/cj.
/// </summary>
public sealed partial class BdfSolver
{
    private const double LineSearchAlpha = 1e-4;
    private const double SlowConvergenceRate = 0.9;

    private readonly double[] _icY;
    private readonly double[] _icYp;
    private readonly double[] _icStep;
    private readonly double[] _icResidual;

    private bool _icAllDifferential;
    private double _icTimeScale;

    private enum InitialConditionOutcome
    {
        Converged,
        SlowConvergence,
        Failed,
    }

    /// <summary>Overwrites φ_0 (y) and φ_1 (y') at _tn with consistent values, or throws.</summary>
    private void ComputeConsistentInitialConditions()
    {
        _icAllDifferential = !_hasAlgebraic;
        _epsNewton = _options.InitialConditionToleranceFactor * _options.NewtonConvergenceCoefficient;

        double hic = _options.InitialStep > 0.0 ? Math.Min(_options.InitialStep, _options.MaxStep) : AutomaticStep(_phi[1]);
        _icTimeScale = 1000.0 * hic; // IDA takes h_ic = 1e-3 of the time scale of the first output interval
        _h = hic;
        _cj = 1.0 / hic;
        _cjRatio = 1.0;

        _phi[0].CopyTo(_icY, 0);
        _phi[1].CopyTo(_icYp, 0);

        InitialConditionOutcome outcome = InitialConditionOutcome.Failed;
        for (int weightPass = 1; weightPass <= 2; weightPass++)
        {
            for (int attempt = 1; attempt <= _options.InitialConditionMaxAttempts; attempt++)
            {
                outcome = InitialConditionNewton();
                if (outcome == InitialConditionOutcome.Converged)
                {
                    break;
                }

                _counters.StepsRejectedForConvergence++;
                if (attempt == _options.InitialConditionMaxAttempts)
                {
                    break;
                }

                if (outcome != InitialConditionOutcome.SlowConvergence)
                {
                    Array.Copy(_phi[0], _icY, _n);
                    Array.Copy(_phi[1], _icYp, _n);
                }

                hic *= 0.1;
                _h = hic;
                _cj = 1.0 / hic;
            }

            if (outcome != InitialConditionOutcome.Converged)
            {
                break;
            }

            if (!SetErrorWeights(_icY))
            {
                throw Failure(BdfFailure.BadErrorWeights, "an error weight is not positive at the consistent initial values");
            }

            Array.Copy(_icY, _phi[0], _n);
            Array.Copy(_icYp, _phi[1], _n);
        }

        _h = 0.0;
        if (outcome != InitialConditionOutcome.Converged)
        {
            throw Failure(BdfFailure.InitialConditionsFailed, "consistent initial conditions could not be computed (damped Newton did not converge; check the algebraic equations and the initial guess)");
        }
    }

    /// <summary>IDAnlsIC: Newton iterations, re-evaluating the Jacobian while they converge slowly.</summary>
    private InitialConditionOutcome InitialConditionNewton()
    {
        EvaluateResidual(_tn, _icY, _icYp, _icResidual);
        InitialConditionOutcome outcome = InitialConditionOutcome.Failed;
        for (int jacobian = 1; jacobian <= _options.InitialConditionMaxJacobians; jacobian++)
        {
            if (!SetupIterationMatrix(_tn, _icY, _icYp, _cj, _icResidual, _h))
            {
                return InitialConditionOutcome.Failed;
            }

            outcome = InitialConditionIterate();
            if (outcome != InitialConditionOutcome.SlowConvergence)
            {
                return outcome;
            }
        }

        return outcome;
    }

    /// <summary>IDANewtonIC: Newton steps J·δ = F with a backtracking line search on ½‖J⁻¹F‖².</summary>
    private InitialConditionOutcome InitialConditionIterate()
    {
        // δ = J⁻¹·F at the current point (_icResidual holds F there).
        _icResidual.CopyTo(_icStep, 0);
        _matrix.Solve(_icStep);
        double fNorm = InitialConditionNorm(_icStep);
        if (!double.IsFinite(fNorm))
        {
            return InitialConditionOutcome.Failed;
        }

        if (fNorm <= _epsNewton)
        {
            return InitialConditionOutcome.Converged;
        }

        double fNorm0 = fNorm;
        double rate = 0.0;
        for (int iteration = 0; iteration < _options.InitialConditionMaxNewtonIterations; iteration++)
        {
            _counters.NewtonIterations++;
            double previous = fNorm;
            if (!LineSearch(ref fNorm))
            {
                return InitialConditionOutcome.Failed;
            }

            rate = fNorm / previous;
            if (fNorm <= _epsNewton)
            {
                return InitialConditionOutcome.Converged;
            }

            // _delta holds J⁻¹·F at the accepted point: the next Newton step.
            Array.Copy(_delta, _icStep, _n);
        }

        return rate <= SlowConvergenceRate || fNorm < 0.1 * fNorm0 ? InitialConditionOutcome.SlowConvergence : InitialConditionOutcome.Failed;
    }

    /// <summary>
    /// IDALineSrch: tries y_a − λδ_a, y'_d − cj·λ·δ_d for λ = 1, ½, ¼ … until ½‖J⁻¹F‖² decreases enough (Armijo with
    /// α = 1e-4). On success the point, F (in _icResidual) and J⁻¹F (in _delta) are updated.
    /// </summary>
    private bool LineSearch(ref double fNorm)
    {
        double halfSquare = 0.5 * fNorm * fNorm;
        double slope = -2.0 * halfSquare;
        double stepNorm = fNorm;
        double minLambda = Math.Pow(UnitRoundoff, 2.0 / 3.0) / stepNorm;
        double lambda = 1.0;
        for (int backtracks = 0; ; backtracks++)
        {
            if (backtracks == _options.InitialConditionMaxBacktracks)
            {
                return false;
            }

            for (int i = 0; i < _n; i++)
            {
                double step = lambda * _icStep[i];
                if (_differentialMask[i] != 0.0)
                {
                    _y[i] = _icY[i];
                    _yp[i] = _icYp[i] - (_cj * step);
                }
                else
                {
                    _y[i] = _icY[i] - step;
                    _yp[i] = _icYp[i];
                }
            }

            EvaluateResidual(_tn, _y, _yp, _work);
            _work.CopyTo(_delta, 0);
            _matrix.Solve(_delta);
            double trialNorm = InitialConditionNorm(_delta);
            if (double.IsFinite(trialNorm) && 0.5 * trialNorm * trialNorm <= halfSquare + (LineSearchAlpha * slope * lambda))
            {
                Array.Copy(_y, _icY, _n);
                Array.Copy(_yp, _icYp, _n);
                Array.Copy(_work, _icResidual, _n);
                fNorm = trialNorm;
                return true;
            }

            if (lambda < minLambda)
            {
                return false;
            }

            lambda *= 0.5;
        }
    }

    /// <summary>WRMS norm of a Newton step; for a system without algebraic components, scaled to a change of y'.</summary>
    private double InitialConditionNorm(ReadOnlySpan<double> step)
    {
        double norm = WeightedRmsNorm(step);
        return _icAllDifferential ? norm * _icTimeScale * Math.Abs(_cj) : norm;
    }
}
