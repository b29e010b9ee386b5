namespace ChargeTwin.HilBench.Numerics;

/// <summary>The driver: output times, the stop time, roots and the loop over internal steps (IDASolve's normal mode).</summary>
public sealed partial class BdfSolver
{
    private SolverStatus Advance(double tOut, Span<double> yOut, Span<double> ypOut)
    {
        if (_firstCallPending)
        {
            if (tOut <= _tn)
            {
                if (tOut < _tn)
                {
                    throw new ArgumentOutOfRangeException(nameof(tOut), tOut, $"The output time lies before the initial time {_tn:R} s; integration runs forward.");
                }

                InterpolateUnchecked(_tn, yOut, ypOut);
                _tRetLast = tOut;
                return SolverStatus.Reached;
            }

            if (_stopTimeSet && _stopTime <= _tn)
            {
                InterpolateUnchecked(_tn, yOut, ypOut);
                _tRetLast = _tn;
                _stopTimeSet = false;
                return SolverStatus.StopTimeReached;
            }

            BeginIntegration();
        }
        else
        {
            if (_rootCount > 0)
            {
                if (CheckRootsAtLastReturnedRoot())
                {
                    return ReturnRoot(yOut, ypOut);
                }

                double roundoff = 100.0 * UnitRoundoff * (Math.Abs(_tn) + Math.Abs(_h));
                if (Math.Abs(_tn - _tRetLast) > roundoff)
                {
                    if (CheckRootsInLastStep(tOut))
                    {
                        return ReturnRoot(yOut, ypOut);
                    }

                    _lastReturnWasRoot = false;
                }
            }

            if (StopTestBeforeStep(tOut, yOut, ypOut, out SolverStatus early))
            {
                return early;
            }
        }

        int stepsThisCall = 0;
        while (true)
        {
            if (stepsThisCall >= _options.MaxSteps)
            {
                throw Failure(BdfFailure.TooManySteps, FormattableString.Invariant($"{_options.MaxSteps} steps taken before reaching t = {tOut:G6} s (the solver stays usable; call AdvanceTo again to continue)"));
            }

            if (_nst > 0 && !SetErrorWeights(_phi[0]))
            {
                throw Failure(BdfFailure.BadErrorWeights, "an error weight became non-positive (absolute tolerance 0 on a component that reached 0)");
            }

            double accuracyScale = UnitRoundoff * WeightedRmsNorm(_phi[0], _errorMask);
            if (accuracyScale > 1.0)
            {
                throw Failure(BdfFailure.TooMuchAccuracyRequested, FormattableString.Invariant($"the tolerances ask for more accuracy than double precision holds (loosen them by a factor of at least {10.0 * accuracyScale:G3})"));
            }

            TakeStep();
            stepsThisCall++;

            if (_stopTimeSet && Math.Abs(_tn - _stopTime) <= 100.0 * UnitRoundoff * (Math.Abs(_tn) + Math.Abs(_h)))
            {
                _tn = _stopTime;
            }

            if (_rootCount > 0 && CheckRootsInLastStep(tOut))
            {
                return ReturnRoot(yOut, ypOut);
            }

            if (StopTestAfterStep(tOut, yOut, ypOut, out SolverStatus done))
            {
                return done;
            }
        }
    }

    /// <summary>First call after (re)initialisation: initial step, roots at t0, φ_1 = h·y'.</summary>
    private void BeginIntegration()
    {
        double h = _options.InitialStep > 0.0 ? _options.InitialStep : AutomaticStep(_phi[1]);
        double ratio = h * _hMaxInverse;
        if (ratio > 1.0)
        {
            h /= ratio;
        }

        if (_stopTimeSet && _tn + h > _stopTime)
        {
            h = (_stopTime - _tn) * (1.0 - (4.0 * UnitRoundoff));
        }

        _h = h;
        _k = 0;
        _kUsed = 0;

        if (_rootCount > 0)
        {
            CheckRootsAtStart();
        }

        Scale(_h, _phi[1]);
        _psi[0] = _h;
        _epsNewton = _options.NewtonConvergenceCoefficient;
        _tolerance0 = 1e-4 * _epsNewton;
        _firstCallPending = false;
    }

    /// <summary>
    /// The automatic step (see <see cref="BdfOptions.InitialStep"/>): 0.5/‖y'‖, at most 1e-3 of the distance to the
    /// stop time; without either, 1e-3·max(1, |t|); never above <see cref="BdfOptions.MaxInitialStep"/>.
    /// Never the output time, so results do not depend on the grid.
    /// </summary>
    private double AutomaticStep(ReadOnlySpan<double> yp)
    {
        double ypNorm = WeightedRmsNorm(yp, _errorMask);
        double h = ypNorm > 0.0 ? 0.5 / ypNorm : double.PositiveInfinity;
        if (_stopTimeSet && _stopTime > _tn)
        {
            h = Math.Min(h, 1e-3 * (_stopTime - _tn));
        }

        if (double.IsPositiveInfinity(h))
        {
            h = 1e-3 * Math.Max(1.0, Math.Abs(_tn));
        }

        return Math.Min(Math.Min(h, _options.MaxInitialStep), _options.MaxStep);
    }

    private SolverStatus ReturnRoot(Span<double> yOut, Span<double> ypOut)
    {
        _lastReturnWasRoot = true;
        _lastRootTime = _tRoot;
        _tRetLast = _tRoot;
        _counters.RootsFound++;
        InterpolateUnchecked(_tRoot, yOut, ypOut);
        return SolverStatus.RootFound;
    }

    /// <summary>Before stepping: is the stop time or the output time already reached? Also shortens h to land on the stop time.</summary>
    private bool StopTestBeforeStep(double tOut, Span<double> yOut, Span<double> ypOut, out SolverStatus status)
    {
        status = SolverStatus.Reached;
        if (_stopTimeSet)
        {
            double roundoff = 100.0 * UnitRoundoff * (Math.Abs(_tn) + Math.Abs(_h));
            if (Math.Abs(_tn - _stopTime) <= roundoff)
            {
                if (tOut >= _stopTime || Math.Abs(tOut - _stopTime) <= roundoff)
                {
                    return ReturnStopTime(yOut, ypOut, out status);
                }
            }
            else if (_tn + _h > _stopTime)
            {
                _h = (_stopTime - _tn) * (1.0 - (4.0 * UnitRoundoff));
            }
        }

        if (_tn >= tOut)
        {
            RequireWithinLastStep(tOut);
            InterpolateUnchecked(tOut, yOut, ypOut);
            _tRetLast = tOut;
            return true;
        }

        return false;
    }

    /// <summary>After a step: the same tests as before it.</summary>
    private bool StopTestAfterStep(double tOut, Span<double> yOut, Span<double> ypOut, out SolverStatus status)
    {
        status = SolverStatus.Reached;
        if (_stopTimeSet)
        {
            double roundoff = 100.0 * UnitRoundoff * (Math.Abs(_tn) + Math.Abs(_h));
            if (Math.Abs(_tn - _stopTime) <= roundoff)
            {
                if (tOut >= _stopTime || Math.Abs(tOut - _stopTime) <= roundoff)
                {
                    return ReturnStopTime(yOut, ypOut, out status);
                }
            }
            else if (_tn + _h > _stopTime)
            {
                _h = (_stopTime - _tn) * (1.0 - (4.0 * UnitRoundoff));
            }
        }

        if (_tn >= tOut)
        {
            InterpolateUnchecked(tOut, yOut, ypOut);
            _tRetLast = tOut;
            return true;
        }

        return false;
    }

    private bool ReturnStopTime(Span<double> yOut, Span<double> ypOut, out SolverStatus status)
    {
        InterpolateUnchecked(_stopTime, yOut, ypOut);
        _tRetLast = _stopTime;
        _stopTimeSet = false;
        status = SolverStatus.StopTimeReached;
        return true;
    }
}
