namespace ChargeTwin.HilBench.Numerics;

/// <summary>One internal step: coefficients, predictor, corrector, error test, failure recovery, order and step selection.</summary>
public sealed partial class BdfSolver
{
    private enum StepOutcome
    {
        Success,
        NewtonDiverged,
        SingularMatrix,
        ErrorTestFailed,
    }

    /// <summary>Takes one step from _tn with the current _h and _k (IDAStep); throws when it cannot.</summary>
    private void TakeStep()
    {
        double savedT = _tn;
        int convergenceFailures = 0;
        int errorTestFailures = 0;

        if (_nst == 0)
        {
            _k = 1;
            _kUsed = 0;
            _hUsed = 0.0;
            _psi[0] = _h;
            _cj = 1.0 / _h;
            _phase = 0;
            _ns = 0;
        }

        double errK = 0.0;
        double errKm1 = 0.0;
        while (true)
        {
            if (_tn + _h == _tn || !(_h > 0.0))
            {
                throw Failure(BdfFailure.StepSizeTooSmall, "the step size fell below the resolution of t");
            }

            double ck = SetCoefficients();

            _tn += _h;
            if (_stopTimeSet && _tn > _stopTime)
            {
                _tn = _stopTime;
            }

            Predict();
            StepOutcome outcome = SolveCorrector();
            if (outcome == StepOutcome.Success)
            {
                outcome = TestError(ck, out errK, out errKm1);
            }

            if (outcome == StepOutcome.Success)
            {
                break;
            }

            Restore(savedT);
            HandleFailure(outcome, errK, errKm1, ref convergenceFailures, ref errorTestFailures);
            if (_nst == 0)
            {
                // First step: φ_1 = h·y'(t0) must follow the new h.
                _psi[0] = _h;
                Scale(_eta, _phi[1]);
            }
        }

        CompleteStep(errK, errKm1);
    }

    /// <summary>
    /// IDASetCoeffs: ψ, α, β, σ, γ for the step (recomputed unless h and k have been constant long enough),
    /// cj = −α_s/h, φ → φ* (scaled by β), and returns the error constant ck.
    /// </summary>
    private double SetCoefficients()
    {
        if (_h != _hUsed || _k != _kUsed)
        {
            _ns = 0;
        }

        _ns = Math.Min(_ns + 1, _kUsed + 2);
        if (_k + 1 >= _ns)
        {
            _beta[0] = 1.0;
            _alpha[0] = 1.0;
            double temp1 = _h;
            _gamma[0] = 0.0;
            _sigma[0] = 1.0;
            for (int i = 1; i <= _k; i++)
            {
                double temp2 = _psi[i - 1];
                _psi[i - 1] = temp1;
                _beta[i] = _beta[i - 1] * _psi[i - 1] / temp2;
                temp1 = temp2 + _h;
                _alpha[i] = _h / temp1;
                _sigma[i] = i * _sigma[i - 1] * _alpha[i];
                _gamma[i] = _gamma[i - 1] + (_alpha[i - 1] / _h);
            }

            _psi[_k] = temp1;
        }

        double alphaS = 0.0;
        double alpha0 = 0.0;
        for (int i = 0; i < _k; i++)
        {
            alphaS -= 1.0 / (i + 1);
            alpha0 -= _alpha[i];
        }

        _cjLast = _cj;
        _cj = -alphaS / _h;

        double ck = Math.Abs(_alpha[_k] + alphaS - alpha0);
        ck = Math.Max(ck, _alpha[_k]);

        for (int j = _ns; j <= _k; j++)
        {
            Scale(_beta[j], _phi[j]);
        }

        return ck;
    }

    /// <summary>y_pred = Σ φ_j, y'_pred = Σ γ_j φ_j.</summary>
    private void Predict()
    {
        Array.Copy(_phi[0], _yPredicted, _n);
        Array.Clear(_ypPredicted);
        for (int j = 1; j <= _k; j++)
        {
            double[] phi = _phi[j];
            double g = _gamma[j];
            for (int i = 0; i < _n; i++)
            {
                _yPredicted[i] += phi[i];
                _ypPredicted[i] += g * phi[i];
            }
        }
    }

    /// <summary>IDATestError: error estimates at orders k, k−1, k−2, the order-lowering hint _kNew, and the test itself.</summary>
    private StepOutcome TestError(double ck, out double errK, out double errKm1)
    {
        double normK = WeightedRmsNorm(_correction, _errorMask);
        errK = _sigma[_k] * normK;
        errKm1 = 0.0;
        double terrK = (_k + 1) * errK;
        _kNew = _k;

        if (_k > 1)
        {
            double[] phiK = _phi[_k];
            for (int i = 0; i < _n; i++)
            {
                _delta[i] = phiK[i] + _correction[i];
            }

            errKm1 = _sigma[_k - 1] * WeightedRmsNorm(_delta, _errorMask);
            double terrKm1 = _k * errKm1;

            if (_k > 2)
            {
                double[] phiKm1 = _phi[_k - 1];
                for (int i = 0; i < _n; i++)
                {
                    _delta[i] += phiKm1[i];
                }

                double errKm2 = _sigma[_k - 2] * WeightedRmsNorm(_delta, _errorMask);
                double terrKm2 = (_k - 1) * errKm2;
                if (Math.Max(terrKm1, terrKm2) <= terrK)
                {
                    _kNew = _k - 1;
                }
            }
            else if (terrKm1 <= 0.5 * terrK)
            {
                _kNew = _k - 1;
            }
        }

        return ck * normK > 1.0 ? StepOutcome.ErrorTestFailed : StepOutcome.Success;
    }

    /// <summary>IDARestore: back to t_n, ψ and φ as before <see cref="SetCoefficients"/>.</summary>
    private void Restore(double savedT)
    {
        _tn = savedT;
        for (int j = 1; j <= _k; j++)
        {
            _psi[j - 1] = _psi[j] - _h;
        }

        for (int j = _ns; j <= _k; j++)
        {
            Scale(1.0 / _beta[j], _phi[j]);
        }
    }

    /// <summary>IDAHandleNFlag: shrink h (and maybe the order) after a failed attempt, or give up.</summary>
    private void HandleFailure(StepOutcome outcome, double errK, double errKm1, ref int convergenceFailures, ref int errorTestFailures)
    {
        _phase = 1;
        if (outcome != StepOutcome.ErrorTestFailed)
        {
            convergenceFailures++;
            _counters.StepsRejectedForConvergence++;
            if (convergenceFailures >= _options.MaxConvergenceFailures)
            {
                string why = _lastFailureSingular
                    ? FormattableString.Invariant($"Newton failed to converge {convergenceFailures} times (last: singular iteration matrix)")
                    : FormattableString.Invariant($"Newton failed to converge {convergenceFailures} times");
                throw Failure(BdfFailure.ConvergenceFailures, why);
            }

            _eta = _options.ConvergenceFailureShrink;
            _h *= _eta;
            return;
        }

        errorTestFailures++;
        _counters.ErrorTestFailures++;
        if (errorTestFailures == 1)
        {
            double errKNew = _k == _kNew ? errK : errKm1;
            _k = _kNew;
            _eta = 0.9 * Math.Pow((2.0 * errKNew) + 1e-4, -1.0 / (_k + 1));
            _eta = Math.Max(_options.ErrorTestFailureShrink, Math.Min(_options.MaxStepShrink, _eta));
        }
        else if (errorTestFailures == 2)
        {
            _k = _kNew;
            _eta = _options.ErrorTestFailureShrink;
        }
        else if (errorTestFailures < _options.MaxErrorTestFailures)
        {
            _k = 1;
            _eta = _options.ErrorTestFailureShrink;
        }
        else
        {
            throw Failure(BdfFailure.ErrorTestFailures, FormattableString.Invariant($"the local error test failed {errorTestFailures} times"));
        }

        _h *= _eta;
    }

    /// <summary>IDACompleteStep: bookkeeping, the next order and step size, and the update of φ.</summary>
    private void CompleteStep(double errK, double errKm1)
    {
        _nst++;
        _counters.Steps++;
        int kDiff = _k - _kUsed;
        _kUsed = _k;
        _hUsed = _h;
        _counters.MaxOrderUsed = Math.Max(_counters.MaxOrderUsed, _k);
        _callMaxOrder = Math.Max(_callMaxOrder, _k);

        if (_kNew == _k - 1 || _k == _maxOrder)
        {
            _phase = 1;
        }

        if (_phase == 0)
        {
            // Initial phase: raise the order and double h after every step but the first.
            if (_nst > 1)
            {
                _k++;
                double hNew = 2.0 * _h;
                double ratio = hNew * _hMaxInverse;
                if (ratio > 1.0)
                {
                    hNew /= ratio;
                }

                _h = hNew;
            }
        }
        else
        {
            SelectOrderAndStep(errK, errKm1, kDiff);
        }

        // Keep the correction for an order increase estimate on the next step.
        if (_kUsed < _maxOrder)
        {
            Array.Copy(_correction, _phi[_kUsed + 1], _n);
        }

        // φ_kused += e; φ_j += φ_(j+1) for j = kused−1 .. 0 (so φ_0 = y_n).
        double[] top = _phi[_kUsed];
        for (int i = 0; i < _n; i++)
        {
            top[i] += _correction[i];
        }

        for (int j = _kUsed - 1; j >= 0; j--)
        {
            double[] phiJ = _phi[j];
            double[] phiJ1 = _phi[j + 1];
            for (int i = 0; i < _n; i++)
            {
                phiJ[i] += phiJ1[i];
            }
        }
    }

    private void SelectOrderAndStep(double errK, double errKm1, int kDiff)
    {
        const int Lower = -1, Maintain = 0, Raise = 1;
        int action;
        double errKp1 = 0.0;
        if (_kNew == _k - 1)
        {
            action = Lower;
        }
        else if (_k == _maxOrder || _k + 1 >= _ns || kDiff == 1)
        {
            action = Maintain;
        }
        else
        {
            double[] previous = _phi[_k + 1];
            for (int i = 0; i < _n; i++)
            {
                _work[i] = _correction[i] - previous[i];
            }

            errKp1 = WeightedRmsNorm(_work, _errorMask) / (_k + 2);
            double terrK = (_k + 1) * errK;
            double terrKp1 = (_k + 2) * errKp1;
            if (_k == 1)
            {
                action = terrKp1 >= 0.5 * terrK ? Maintain : Raise;
            }
            else
            {
                double terrKm1 = _k * errKm1;
                if (terrKm1 <= Math.Min(terrK, terrKp1))
                {
                    action = Lower;
                }
                else
                {
                    action = terrKp1 >= terrK ? Maintain : Raise;
                }
            }
        }

        double errKNew;
        if (action == Raise)
        {
            _k++;
            errKNew = errKp1;
        }
        else if (action == Lower)
        {
            _k--;
            errKNew = errKm1;
        }
        else
        {
            errKNew = errK;
        }

        _eta = 1.0;
        double factor = Math.Pow((2.0 * errKNew) + 1e-4, -1.0 / (_k + 1));
        if (factor >= _options.StepGrowthThreshold)
        {
            _eta = Math.Min(factor, _options.MaxStepGrowth);
            _eta /= Math.Max(1.0, _eta * _h * _hMaxInverse);
        }
        else if (factor <= _options.StepShrinkThreshold)
        {
            _eta = Math.Min(factor, _options.MaxStepShrink);
            _eta = Math.Max(_eta, _options.MinStepShrink);
        }

        _h *= _eta;
    }

    private bool SetErrorWeights(ReadOnlySpan<double> y)
    {
        double rtol = _options.RelTol;
        for (int i = 0; i < _n; i++)
        {
            double d = (rtol * Math.Abs(y[i])) + _absTol[i];
            if (!(d > 0.0))
            {
                return false;
            }

            _ewt[i] = 1.0 / d;
        }

        return true;
    }

    /// <summary>sqrt(Σ (x_i·w_i·mask_i)² / n).</summary>
    private double WeightedRmsNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> mask)
    {
        double sum = 0.0;
        ReadOnlySpan<double> w = _ewt;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i] * w[i] * mask[i];
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    private double WeightedRmsNorm(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        ReadOnlySpan<double> w = _ewt;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i] * w[i];
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    private static void Scale(double a, Span<double> x)
    {
        if (a == 1.0)
        {
            return;
        }

        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
