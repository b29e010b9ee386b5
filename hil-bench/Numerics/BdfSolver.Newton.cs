namespace ChargeTwin.HilBench.Numerics;

/// <summary>The corrector: modified Newton on G(y) = F(t_n, y, y'_pred + cj·(y − y_pred)) with a reused iteration matrix.</summary>
public sealed partial class BdfSolver
{
    private const double MaxConvergenceRate = 0.9;

    /// <summary>
    /// Solves for the correction e = y_n − y_pred (IDANls with SUNDIALS' Newton solver). The iteration matrix is
    /// re-evaluated on the first step, when cj/cj_old leaves IDA's window, every MaxStepsBetweenJacobians steps if set,
    /// and at once (same attempt) when the iteration fails with a matrix that was not fresh.
    /// </summary>
    private StepOutcome SolveCorrector()
    {
        bool callSetup = false;
        if (_nst == 0)
        {
            _cjOld = _cj;
            _ss = 20.0;
            callSetup = true;
        }

        _cjRatio = _cj / _cjOld;
        double d = _options.JacobianCjChangeLimit;
        double low = (1.0 - d) / (1.0 + d);
        if (_cjRatio < low || _cjRatio > 1.0 / low)
        {
            callSetup = true;
        }

        int refresh = _options.MaxStepsBetweenJacobians;
        if (refresh > 0 && _nst - _nstAtLastSetup >= refresh)
        {
            callSetup = true;
        }

        if (_cj != _cjLast)
        {
            _ss = 100.0;
        }

        Array.Clear(_correction);
        bool matrixIsFresh = false;
        _lastFailureSingular = false;
        while (true)
        {
            UpdateIterate();
            EvaluateResidual(_tn, _y, _yp, _delta);

            if (callSetup)
            {
                bool ok = SetupIterationMatrix(_tn, _y, _yp, _cj, _delta, _h);
                _cjOld = _cj;
                _cjRatio = 1.0;
                _ss = 20.0;
                _nstAtLastSetup = _nst;
                matrixIsFresh = true;
                if (!ok)
                {
                    _lastFailureSingular = true;
                    _counters.NewtonConvergenceFailures++;
                    return StepOutcome.SingularMatrix;
                }
            }

            if (NewtonIterate())
            {
                UpdateIterate();
                return StepOutcome.Success;
            }

            _counters.NewtonConvergenceFailures++;
            if (matrixIsFresh)
            {
                return StepOutcome.NewtonDiverged;
            }

            callSetup = true;
            Array.Clear(_correction);
        }
    }

    /// <summary>The Newton loop proper; _delta holds the residual at the current iterate on entry.</summary>
    private bool NewtonIterate()
    {
        double scale = _cjRatio != 1.0 ? 2.0 / (1.0 + _cjRatio) : 1.0;
        int maxIterations = _options.MaxNewtonIterations;
        for (int m = 0; ; m++)
        {
            _counters.NewtonIterations++;
            for (int i = 0; i < _n; i++)
            {
                _delta[i] = -_delta[i];
            }

            _matrix.Solve(_delta);
            if (scale != 1.0)
            {
                Scale(scale, _delta);
            }

            for (int i = 0; i < _n; i++)
            {
                _correction[i] += _delta[i];
            }

            double norm = WeightedRmsNorm(_delta);
            if (!double.IsFinite(norm))
            {
                return false;
            }

            if (m == 0)
            {
                _oldNorm = norm;
                if (norm <= 1e-4 * _tolerance0)
                {
                    return true;
                }
            }
            else
            {
                double rate = Math.Pow(norm / _oldNorm, 1.0 / m);
                if (rate > MaxConvergenceRate)
                {
                    return false;
                }

                _ss = rate / (1.0 - rate);
            }

            if (_ss * norm <= _epsNewton)
            {
                return true;
            }

            if (m + 1 >= maxIterations)
            {
                return false;
            }

            UpdateIterate();
            EvaluateResidual(_tn, _y, _yp, _delta);
        }
    }

    /// <summary>y = y_pred + e, y' = y'_pred + cj·e.</summary>
    private void UpdateIterate()
    {
        double cj = _cj;
        for (int i = 0; i < _n; i++)
        {
            double e = _correction[i];
            _y[i] = _yPredicted[i] + e;
            _yp[i] = _ypPredicted[i] + (cj * e);
        }
    }

    private void EvaluateResidual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        _counters.ResidualEvaluations++;
        _system.Residual(t, y, yp, residual);
    }

    /// <summary>
    /// J = ∂F/∂y + cj·∂F/∂y' at (t, y, y'), analytic when the system provides it, else by finite differences
    /// (<paramref name="residual"/> is F at that point); then LU. False when the matrix is singular.
    /// </summary>
    private bool SetupIterationMatrix(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, ReadOnlySpan<double> residual, double h)
    {
        _counters.JacobianEvaluations++;
        _matrix.Clear();
        if (!_system.Jacobian(t, y, yp, cj, _matrix))
        {
            _matrix.Clear();
            int evaluations = _finiteDifference.Evaluate(t, y, yp, residual, cj, h, _ewt, _matrix);
            _counters.ResidualEvaluations += evaluations;
            _counters.ResidualEvaluationsForJacobian += evaluations;
        }

        _counters.Factorizations++;
        return _matrix.Factorize();
    }
}
