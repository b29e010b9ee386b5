namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Events: sign changes of g_i(t, y, y') located on the interpolant of each step by the Illinois (modified secant)
/// method to about 100·u·(|t| + |h|), as IDA does (Hiebert &amp; Shampine, SAND80-0180).
/// </summary>
public sealed partial class BdfSolver
{
    private readonly int _rootCount;
    private readonly double[] _gLow;
    private readonly double[] _gHigh;
    private readonly double[] _gRoot;
    private readonly int[] _rootsFired;
    private readonly int[] _rootDirections;
    private readonly bool[] _rootActive;
    private readonly double[] _yRoot;
    private readonly double[] _ypRoot;

    private bool _lastReturnWasRoot;
    private double _lastRootTime = double.NaN;
    private double _tLow;
    private double _tHigh;
    private double _tRoot;
    private double _rootTolerance;

    /// <summary>Time of the root returned last (NaN before the first).</summary>
    public double LastRootTime => _lastRootTime;

    /// <summary>
    /// After <see cref="SolverStatus.RootFound"/>: per root function, +1 if it fired rising, −1 falling, 0 if it did not fire.
    /// </summary>
    public ReadOnlySpan<int> RootsFired => _rootsFired;

    /// <summary>
    /// Direction filter per root function: +1 reports only rising crossings, −1 only falling, 0 (default) both.
    /// </summary>
    public void SetRootDirections(ReadOnlySpan<int> directions)
    {
        if (directions.Length != _rootCount)
        {
            throw new ArgumentException($"Expected {_rootCount} directions, got {directions.Length}.", nameof(directions));
        }

        for (int i = 0; i < _rootCount; i++)
        {
            if (directions[i] is < -1 or > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(directions), directions[i], "A root direction is −1, 0 or +1.");
            }

            _rootDirections[i] = directions[i];
        }
    }

    private void EvaluateRoots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
        _counters.RootFunctionEvaluations++;
        _system.Roots(t, y, yp, g);
    }

    /// <summary>
    /// IDARcheck1, at t0 (φ_1 still holds y'): g_i that are exactly zero there are deactivated until they move away
    /// from zero, so that a start on a root is not reported as one.
    /// </summary>
    private void CheckRootsAtStart()
    {
        Array.Clear(_rootsFired);
        Array.Fill(_rootActive, true);
        _tLow = _tn;
        _rootTolerance = (Math.Abs(_tn) + Math.Abs(_h)) * UnitRoundoff * 100.0;
        EvaluateRoots(_tLow, _phi[0], _phi[1], _gLow);

        bool anyZero = false;
        for (int i = 0; i < _rootCount; i++)
        {
            if (_gLow[i] == 0.0)
            {
                anyZero = true;
                _rootActive[i] = false;
            }
        }

        if (!anyZero)
        {
            return;
        }

        double smallStep = Math.Max(_rootTolerance / Math.Abs(_h), 0.1) * _h;
        double tPlus = _tLow + smallStep;
        double[] y0 = _phi[0];
        double[] yp0 = _phi[1];
        for (int i = 0; i < _n; i++)
        {
            _yRoot[i] = y0[i] + (smallStep * yp0[i]);
        }

        EvaluateRoots(tPlus, _yRoot, yp0, _gHigh);
        for (int i = 0; i < _rootCount; i++)
        {
            if (!_rootActive[i] && _gHigh[i] != 0.0)
            {
                _rootActive[i] = true;
                _gLow[i] = _gHigh[i];
            }
        }
    }

    /// <summary>
    /// IDARcheck2, after a root return: g_i exactly zero at that root are looked at just after it; a further zero
    /// there is a new root; zero both at and just after is an error.
    /// </summary>
    private bool CheckRootsAtLastReturnedRoot()
    {
        if (!_lastReturnWasRoot)
        {
            return false;
        }

        InterpolateUnchecked(_tLow, _yRoot, _ypRoot);
        EvaluateRoots(_tLow, _yRoot, _ypRoot, _gLow);

        Array.Clear(_rootsFired);
        bool anyZero = false;
        for (int i = 0; i < _rootCount; i++)
        {
            if (_rootActive[i] && _gLow[i] == 0.0)
            {
                anyZero = true;
                _rootsFired[i] = 1;
            }
        }

        if (!anyZero)
        {
            return false;
        }

        _rootTolerance = (Math.Abs(_tn) + Math.Abs(_h)) * UnitRoundoff * 100.0;
        double smallStep = _rootTolerance;
        double tPlus = _tLow + smallStep;
        if (tPlus >= _tn)
        {
            double ratio = smallStep / _h;
            double[] phi1 = _phi[1];
            for (int i = 0; i < _n; i++)
            {
                _yRoot[i] += ratio * phi1[i];
            }
        }
        else
        {
            InterpolateUnchecked(tPlus, _yRoot, _ypRoot);
        }

        EvaluateRoots(tPlus, _yRoot, _ypRoot, _gHigh);

        anyZero = false;
        for (int i = 0; i < _rootCount; i++)
        {
            if (!_rootActive[i])
            {
                continue;
            }

            if (_gHigh[i] == 0.0)
            {
                if (_rootsFired[i] == 1)
                {
                    throw Failure(BdfFailure.RootsTooClose, FormattableString.Invariant($"root function {i} is zero both at the root returned at t = {_tLow:G6} s and just after it"));
                }

                anyZero = true;
                _rootsFired[i] = 1;
            }
            else if (_rootsFired[i] == 1)
            {
                _gLow[i] = _gHigh[i];
            }
        }

        if (anyZero)
        {
            _tRoot = _tLow;
            return true;
        }

        Array.Clear(_rootsFired);
        return false;
    }

    /// <summary>IDARcheck3: looks for a root in (t_low, min(t_n, tOut)]; sets _tRoot when found.</summary>
    private bool CheckRootsInLastStep(double tOut)
    {
        _tHigh = tOut >= _tn ? _tn : tOut;
        InterpolateUnchecked(_tHigh, _yRoot, _ypRoot);
        EvaluateRoots(_tHigh, _yRoot, _ypRoot, _gHigh);

        _rootTolerance = (Math.Abs(_tn) + Math.Abs(_h)) * UnitRoundoff * 100.0;
        bool found = FindRoot();
        for (int i = 0; i < _rootCount; i++)
        {
            if (!_rootActive[i] && _gRoot[i] != 0.0)
            {
                _rootActive[i] = true;
            }
        }

        _tLow = _tRoot;
        Array.Copy(_gRoot, _gLow, _rootCount);
        return found;
    }

    /// <summary>
    /// IDARootfind: the root nearest _tLow in (_tLow, _tHigh] of the g_i that change sign (in the allowed
    /// direction) or hit zero, by the Illinois method; sets _tRoot, _gRoot and <see cref="RootsFired"/>.
    /// </summary>
    private bool FindRoot()
    {
        int leading = 0;
        bool zeroAtHigh = false;
        bool signChange = false;
        double maxFraction = 0.0;
        for (int i = 0; i < _rootCount; i++)
        {
            if (!_rootActive[i])
            {
                continue;
            }

            if (_gHigh[i] == 0.0)
            {
                zeroAtHigh |= _rootDirections[i] * _gLow[i] <= 0.0;
            }
            else if (DifferentSign(_gLow[i], _gHigh[i]) && _rootDirections[i] * _gLow[i] <= 0.0)
            {
                double fraction = Math.Abs(_gHigh[i] / (_gHigh[i] - _gLow[i]));
                if (fraction > maxFraction)
                {
                    signChange = true;
                    maxFraction = fraction;
                    leading = i;
                }
            }
        }

        if (!signChange)
        {
            _tRoot = _tHigh;
            Array.Copy(_gHigh, _gRoot, _rootCount);
            if (!zeroAtHigh)
            {
                return false;
            }

            MarkFiredRoots();
            return true;
        }

        double weight = 1.0;
        int side = 0;
        int previousSide = -1;
        while (Math.Abs(_tHigh - _tLow) > _rootTolerance)
        {
            // Illinois: halve (low side) or double (high side) the weight when the same side is kept twice.
            weight = previousSide == side ? (side == 2 ? weight * 2.0 : weight * 0.5) : 1.0;

            double tMid = _tHigh - ((_tHigh - _tLow) * _gHigh[leading] / (_gHigh[leading] - (weight * _gLow[leading])));
            double width = Math.Abs(_tHigh - _tLow);
            if (Math.Abs(tMid - _tLow) < 0.5 * _rootTolerance)
            {
                double fraction = width / _rootTolerance > 5.0 ? 0.1 : 0.5 / (width / _rootTolerance);
                tMid = _tLow + (fraction * (_tHigh - _tLow));
            }

            if (Math.Abs(_tHigh - tMid) < 0.5 * _rootTolerance)
            {
                double fraction = width / _rootTolerance > 5.0 ? 0.1 : 0.5 / (width / _rootTolerance);
                tMid = _tHigh - (fraction * (_tHigh - _tLow));
            }

            InterpolateUnchecked(tMid, _yRoot, _ypRoot);
            EvaluateRoots(tMid, _yRoot, _ypRoot, _gRoot);

            maxFraction = 0.0;
            bool zeroAtMid = false;
            signChange = false;
            previousSide = side;
            for (int i = 0; i < _rootCount; i++)
            {
                if (!_rootActive[i])
                {
                    continue;
                }

                if (_gRoot[i] == 0.0)
                {
                    zeroAtMid |= _rootDirections[i] * _gLow[i] <= 0.0;
                }
                else if (DifferentSign(_gLow[i], _gRoot[i]) && _rootDirections[i] * _gLow[i] <= 0.0)
                {
                    double fraction = Math.Abs(_gRoot[i] / (_gRoot[i] - _gLow[i]));
                    if (fraction > maxFraction)
                    {
                        signChange = true;
                        maxFraction = fraction;
                        leading = i;
                    }
                }
            }

            if (signChange)
            {
                // The root lies in (t_low, t_mid].
                _tHigh = tMid;
                Array.Copy(_gRoot, _gHigh, _rootCount);
                side = 1;
                continue;
            }

            if (zeroAtMid)
            {
                _tHigh = tMid;
                Array.Copy(_gRoot, _gHigh, _rootCount);
                break;
            }

            // The root lies in (t_mid, t_high].
            _tLow = tMid;
            Array.Copy(_gRoot, _gLow, _rootCount);
            side = 2;
        }

        _tRoot = _tHigh;
        Array.Copy(_gHigh, _gRoot, _rootCount);
        MarkFiredRoots();
        return true;
    }

    /// <summary>Which g_i fired between _gLow and _gHigh (in an allowed direction), and whether rising or falling.</summary>
    private void MarkFiredRoots()
    {
        for (int i = 0; i < _rootCount; i++)
        {
            _rootsFired[i] = 0;
            if (!_rootActive[i] || _rootDirections[i] * _gLow[i] > 0.0)
            {
                continue;
            }

            if (_gHigh[i] == 0.0 || DifferentSign(_gLow[i], _gHigh[i]))
            {
                _rootsFired[i] = _gLow[i] > 0.0 ? -1 : 1;
            }
        }
    }

    private static bool DifferentSign(double a, double b) => (a < 0.0 && b > 0.0) || (a > 0.0 && b < 0.0);
}
