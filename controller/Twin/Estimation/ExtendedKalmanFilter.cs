namespace ChargeTwin.Controller.Twin.Estimation;

/// <summary>
/// An extended Kalman filter over an <see cref="IFilterModel"/> with finite-difference Jacobians, allocation-free
/// after construction. The covariance is a dense row-major n×n array.
/// <list type="bullet">
/// <item>Predict: x ← f(x), P ← F P Fᵀ + Q. F is formed by forward differences; to bound the cost of one period a
/// filter may refresh only some of F's columns per step (<c>jacobianColumnsPerStep</c>), round-robin, reusing the
/// others from earlier steps — the model's Jacobian moves slowly next to a 1 s period. The first step forms all.</item>
/// <item>Update: one scalar channel at a time (sensor noises are independent, R diagonal), all on the measurement
/// Jacobian formed once after the prediction: with v = P h,
/// S = hᵀ v + r, K = v / S: x ← x + K ν, P ← P − v vᵀ / S, the Joseph form's value for the optimal gain,
/// kept symmetric. A measurement that is not finite or lies outside its channel's range never reaches the
/// filter; one whose innovation lies beyond the gate is skipped. Either way the covariance keeps growing
/// through the prediction — a missing measurement makes the estimate less certain, never wrong.</item>
/// <item>Consider states (Schmidt–Kalman): a state marked with <see cref="Consider"/> is never corrected (its gain is
/// zero) but its uncertainty and its correlations with the others are kept exactly — the Joseph form with that
/// gain: P ← P − K vᵀ − v Kᵀ + s K Kᵀ. For parameters the measurements cannot separate from each other, this
/// carries their uncertainty into every prediction without letting the filter explain model error with them.</item>
/// </list>
/// </summary>
public sealed class ExtendedKalmanFilter
{
    private const double RelativeStep = 1e-6;
    private readonly IFilterModel _model;
    private readonly int _n;
    private readonly int _m;
    private readonly int _columnsPerStep;
    private readonly double[] _x;
    private readonly double[] _p;
    private readonly double[] _f;
    private readonly double[] _fp;
    private readonly double[] _next;
    private readonly double[] _perturbed;
    private readonly double[] _propagated;
    private readonly double[] _h;
    private readonly double[] _predicted;
    private readonly double[] _measuredAtPerturbed;
    private readonly double[] _v;
    private readonly double[] _k;
    private readonly bool[] _consider;
    private int _nextColumn;
    private bool _haveJacobian;
    private bool _haveMeasurementJacobian;

    public ExtendedKalmanFilter(IFilterModel model, int jacobianColumnsPerStep = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(jacobianColumnsPerStep, 1);
        _model = model;
        _n = model.StateCount;
        _m = model.MeasurementCount;
        _columnsPerStep = Math.Min(jacobianColumnsPerStep, _n);
        _x = new double[_n];
        _p = new double[_n * _n];
        _f = new double[_n * _n];
        _fp = new double[_n * _n];
        _next = new double[_n];
        _perturbed = new double[_n];
        _propagated = new double[_n];
        _h = new double[_m * _n];
        _predicted = new double[_m];
        _measuredAtPerturbed = new double[_m];
        _v = new double[_n];
        _k = new double[_n];
        _consider = new bool[_n];
    }

    /// <summary>Marks a state as a consider state: kept in the covariance, never corrected.</summary>
    public void Consider(int index, bool consider = true) => _consider[index] = consider;

    public int StateCount => _n;

    /// <summary>The state mean.</summary>
    public ReadOnlySpan<double> State => _x;

    /// <summary>The state covariance, row-major n×n.</summary>
    public ReadOnlySpan<double> Covariance => _p;

    /// <summary>The state, for a caller that must correct it in place (e.g. clamp a parameter to its physical range).</summary>
    public Span<double> MutableState => _x;

    public void Initialise(ReadOnlySpan<double> state, ReadOnlySpan<double> covariance)
    {
        if (state.Length != _n || covariance.Length != _n * _n)
        {
            throw new ArgumentException($"the state needs {_n} values and the covariance {_n * _n}");
        }

        state.CopyTo(_x);
        covariance.CopyTo(_p);
        _haveJacobian = false;
        _haveMeasurementJacobian = false;
        _nextColumn = 0;
    }

    public double Variance(int index) => _p[index * _n + index];

    public double Sigma(int index) => Math.Sqrt(Math.Max(0, Variance(index)));

    /// <summary>
    /// The last <see cref="Update"/>'s normalised innovation squared ν²/S (χ² with one degree of freedom while the
    /// filter is consistent), gated or not; NaN when the reading never reached the filter.
    /// </summary>
    public double LastInnovationNis { get; private set; } = double.NaN;

    /// <summary>gᵀ P g: the variance of a linear function of the state with gradient g.</summary>
    public double QuadraticForm(ReadOnlySpan<double> gradient)
    {
        var sum = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var gi = gradient[i];
            if (gi == 0)
            {
                continue;
            }

            var row = _p.AsSpan(i * _n, _n);
            var acc = 0.0;
            for (var j = 0; j < _n; j++)
            {
                acc += row[j] * gradient[j];
            }

            sum += gi * acc;
        }

        return Math.Max(0, sum);
    }

    /// <summary>x ← f(x), P ← F P Fᵀ + diag(<paramref name="processNoise"/>).</summary>
    public void Predict(double dt_s, ReadOnlySpan<double> processNoise)
    {
        _model.Propagate(_x, dt_s, _next);
        var columns = _haveJacobian ? _columnsPerStep : _n;
        for (var c = 0; c < columns; c++)
        {
            RefreshColumn(_nextColumn, dt_s);
            _nextColumn = (_nextColumn + 1) % _n;
        }

        _haveJacobian = true;
        _next.CopyTo(_x, 0);

        // FP = F P, then P = FP Fᵀ + Q (symmetric: compute the upper triangle and mirror it).
        for (var i = 0; i < _n; i++)
        {
            var fRow = _f.AsSpan(i * _n, _n);
            var outRow = _fp.AsSpan(i * _n, _n);
            outRow.Clear();
            for (var k = 0; k < _n; k++)
            {
                var fik = fRow[k];
                if (fik == 0)
                {
                    continue;
                }

                var pRow = _p.AsSpan(k * _n, _n);
                for (var j = 0; j < _n; j++)
                {
                    outRow[j] += fik * pRow[j];
                }
            }
        }

        for (var i = 0; i < _n; i++)
        {
            var fpRow = _fp.AsSpan(i * _n, _n);
            for (var j = i; j < _n; j++)
            {
                var fRow = _f.AsSpan(j * _n, _n);
                var acc = 0.0;
                for (var k = 0; k < _n; k++)
                {
                    acc += fpRow[k] * fRow[k];
                }

                _p[i * _n + j] = acc;
                _p[j * _n + i] = acc;
            }

            _p[i * _n + i] += processNoise[i];
        }

        _haveMeasurementJacobian = false;
    }

    /// <summary>
    /// Offers one channel's reading with its noise variance. Not finite or outside [<paramref name="min"/>,
    /// <paramref name="max"/>]: rejected before the filter. Innovation beyond <paramref name="gate"/>·√S: skipped.
    /// </summary>
    public UpdateOutcome Update(int channel, double measured, double variance, double min, double max, double gate)
    {
        LastInnovationNis = double.NaN;
        if (!double.IsFinite(measured))
        {
            return UpdateOutcome.NotFinite;
        }

        if (measured < min || measured > max)
        {
            return UpdateOutcome.OutOfRange;
        }

        if (!_haveMeasurementJacobian)
        {
            FormMeasurementJacobian();
        }

        var h = _h.AsSpan(channel * _n, _n);
        for (var i = 0; i < _n; i++)
        {
            var row = _p.AsSpan(i * _n, _n);
            var acc = 0.0;
            for (var j = 0; j < _n; j++)
            {
                acc += row[j] * h[j];
            }

            _v[i] = acc;
        }

        var s = variance;
        for (var i = 0; i < _n; i++)
        {
            s += h[i] * _v[i];
        }

        var innovation = measured - _predicted[channel];
        LastInnovationNis = s > 0 ? innovation * innovation / s : double.NaN;
        if (!(s > 0) || Math.Abs(innovation) > gate * Math.Sqrt(s))
        {
            return UpdateOutcome.Gated;
        }

        for (var i = 0; i < _n; i++)
        {
            _k[i] = _consider[i] ? 0 : _v[i] / s;
            _x[i] += _k[i] * innovation;
        }

        // Joseph form for a scalar update with gain K (optimal where not a consider state).
        for (var i = 0; i < _n; i++)
        {
            var ki = _k[i];
            var vi = _v[i];
            for (var j = i; j < _n; j++)
            {
                var value = _p[i * _n + j] - (ki * _v[j]) - (vi * _k[j]) + (s * ki * _k[j]);
                _p[i * _n + j] = value;
                _p[j * _n + i] = value;
            }
        }

        for (var i = 0; i < _n; i++)
        {
            _p[i * _n + i] = Math.Max(_p[i * _n + i], 0);
        }

        // The state moved by K ν: the other channels' predictions follow linearly, on the same Jacobian (one
        // linearisation per period serves every channel — the iterated form would cost a Jacobian per channel).
        for (var c = 0; c < _m; c++)
        {
            var row = _h.AsSpan(c * _n, _n);
            var shift = 0.0;
            for (var i = 0; i < _n; i++)
            {
                shift += row[i] * _k[i];
            }

            _predicted[c] += shift * innovation;
        }

        return UpdateOutcome.Accepted;
    }

    /// <summary>Forgets what the filter knew of one state: its covariances with the others become zero, its variance as given.</summary>
    public void SetVariance(int index, double variance)
    {
        for (var j = 0; j < _n; j++)
        {
            _p[index * _n + j] = 0;
            _p[j * _n + index] = 0;
        }

        _p[index * _n + index] = variance;
    }

    private double Step(int index) => RelativeStep * Math.Max(Math.Abs(_x[index]), _model.Scale(index));

    private void RefreshColumn(int column, double dt_s)
    {
        _x.CopyTo(_perturbed, 0);
        var step = Step(column);
        _perturbed[column] += step;
        _model.Propagate(_perturbed, dt_s, _propagated);
        for (var i = 0; i < _n; i++)
        {
            _f[i * _n + column] = (_propagated[i] - _next[i]) / step;
        }
    }

    private void FormMeasurementJacobian()
    {
        _model.Measure(_x, _predicted);
        for (var c = 0; c < _n; c++)
        {
            _x.CopyTo(_perturbed, 0);
            var step = Step(c);
            _perturbed[c] += step;
            _model.Measure(_perturbed, _measuredAtPerturbed);
            for (var k = 0; k < _m; k++)
            {
                _h[k * _n + c] = (_measuredAtPerturbed[k] - _predicted[k]) / step;
            }
        }

        _haveMeasurementJacobian = true;
    }
}
