namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// Variable-step, variable-order (1–5) BDF integrator for F(t, y, y') = 0 in the fixed-leading-coefficient form of
/// DASSL/IDA (Brenan, Campbell &amp; Petzold; Hindmarsh et al., "SUNDIALS", ACM TOMS 31, 2005): modified
/// divided differences φ, local error control in a weighted RMS norm, IDA's order and step selection (with its
/// initial order-1 doubling phase), modified Newton on J = ∂F/∂y + cj·∂F/∂y' factorised as a
/// <see cref="BorderedBandMatrix"/> and reused while it converges, consistent initialisation (IDA_YA_YDP_INIT),
/// dense output from the interpolating polynomial, root finding on it, and a stop time that is never passed.
/// </summary>
/// <remarks>
/// <para>Use: <c>Initialize(t0, y0, yp0)</c> (computes consistent algebraic y and differential y'), then
/// <c>AdvanceTo(tOut, y, yp)</c> repeatedly. The integrator steps past tOut when it may and interpolates back, so
/// the output grid costs no steps and does not change the solution. After the system switches equations (a mode
/// change, typically at a stop time), call <c>Reinitialize(t, y, yp)</c>: it restarts at order 1.</para>
/// <para>Integration runs forward in time. Every work array is allocated in the constructor: steps, output,
/// root finding and re-initialisation allocate nothing. Failures throw <see cref="BdfSolverException"/>.</para>
/// <para>Not thread-safe: one solver per thread.</para>
/// </remarks>
public sealed partial class BdfSolver
{
    private const double UnitRoundoff = 2.220446049250313e-16;
    private const int MaxOrderLimit = 5;

    private readonly IDaeSystem _system;
    private readonly BdfOptions _options;
    private readonly int _n;
    private readonly BorderedBandMatrix _matrix;
    private readonly FiniteDifferenceJacobian _finiteDifference;

    // Modified divided differences φ_0..φ_maxord, and the per-step vectors.
    private readonly double[][] _phi;
    private readonly double[] _ewt;
    private readonly double[] _differentialMask; // 1 differential, 0 algebraic
    private readonly double[] _errorMask; // the mask of the error test: _differentialMask or all ones
    private readonly double[] _absTol;
    private readonly double[] _correction; // IDA's ee
    private readonly double[] _delta;
    private readonly double[] _y;
    private readonly double[] _yp;
    private readonly double[] _yPredicted;
    private readonly double[] _ypPredicted;
    private readonly double[] _work;

    // BDF coefficients (IDA's psi, alpha, beta, sigma, gamma) and interpolation scratch.
    private readonly double[] _psi = new double[MaxOrderLimit + 1];
    private readonly double[] _alpha = new double[MaxOrderLimit + 1];
    private readonly double[] _beta = new double[MaxOrderLimit + 1];
    private readonly double[] _sigma = new double[MaxOrderLimit + 1];
    private readonly double[] _gamma = new double[MaxOrderLimit + 1];
    private readonly double[] _interpolationC = new double[MaxOrderLimit + 2];
    private readonly double[] _interpolationD = new double[MaxOrderLimit + 2];

    private readonly double _hMaxInverse;
    private readonly int _maxOrder;

    private BdfCounters _counters;
    private BdfCounters _callStart;
    private int _callMaxOrder;

    private bool _initialized;
    private bool _firstCallPending;
    private bool _hasAlgebraic;

    private double _tn;
    private double _h;
    private double _hUsed;
    private int _k;
    private int _kUsed;
    private int _kNew;
    private int _phase;
    private int _ns;
    private long _nst; // steps since (re)initialisation
    private long _nstAtLastSetup;
    private double _eta;

    private double _cj;
    private double _cjOld;
    private double _cjLast;
    private double _cjRatio;
    private double _ss;
    private double _oldNorm;
    private double _epsNewton;
    private double _tolerance0;
    private bool _lastFailureSingular;

    private bool _stopTimeSet;
    private double _stopTime;
    private double _tRetLast;

    public BdfSolver(IDaeSystem system, BdfOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _options = options ?? BdfOptions.Default;
        JacobianLayout layout = system.Layout;
        _n = layout.Size;
        _options.Validate(_n);
        if (system.IsDifferential.Length != _n)
        {
            throw new ArgumentException($"IsDifferential has {system.IsDifferential.Length} entries; the layout has {_n} unknowns.", nameof(system));
        }

        _maxOrder = _options.MaxOrder;
        _hMaxInverse = double.IsPositiveInfinity(_options.MaxStep) ? 0.0 : 1.0 / _options.MaxStep;
        _matrix = new BorderedBandMatrix(layout);
        _finiteDifference = new FiniteDifferenceJacobian(system);

        _phi = new double[_maxOrder + 1][];
        for (int j = 0; j <= _maxOrder; j++)
        {
            _phi[j] = new double[_n];
        }

        _ewt = new double[_n];
        _differentialMask = new double[_n];
        _errorMask = new double[_n];
        _absTol = new double[_n];
        _correction = new double[_n];
        _delta = new double[_n];
        _y = new double[_n];
        _yp = new double[_n];
        _yPredicted = new double[_n];
        _ypPredicted = new double[_n];
        _work = new double[_n];
        _icY = new double[_n];
        _icYp = new double[_n];
        _icStep = new double[_n];
        _icResidual = new double[_n];

        if (_options.AbsTolPerComponent.IsEmpty)
        {
            Array.Fill(_absTol, _options.AbsTol);
        }
        else
        {
            _options.AbsTolPerComponent.Span.CopyTo(_absTol);
        }

        int rootCount = system.RootCount;
        if (rootCount < 0)
        {
            throw new ArgumentException("RootCount must not be negative.", nameof(system));
        }

        _rootCount = rootCount;
        _gLow = new double[rootCount];
        _gHigh = new double[rootCount];
        _gRoot = new double[rootCount];
        _rootsFired = new int[rootCount];
        _rootDirections = new int[rootCount];
        _rootActive = new bool[rootCount];
        _yRoot = new double[_n];
        _ypRoot = new double[_n];
    }

    /// <summary>The options this solver runs with.</summary>
    public BdfOptions Options => _options;

    /// <summary>Number of unknowns.</summary>
    public int Size => _n;

    /// <summary>The time the integrator has reached: the end of its last internal step (may lie beyond the last output).</summary>
    public double CurrentTime => _tn;

    /// <summary>The stop time, if one is set.</summary>
    public double? StopTime => _stopTimeSet ? _stopTime : null;

    /// <summary>Cumulative statistics since <see cref="Initialize"/>.</summary>
    public BdfStatistics Statistics => Snapshot(_counters, _counters.MaxOrderUsed);

    /// <summary>Statistics of the last call to <see cref="Initialize"/>, <see cref="Reinitialize"/> or <see cref="AdvanceTo"/>.</summary>
    public BdfStatistics LastCallStatistics => Snapshot(_counters.Minus(_callStart), _callMaxOrder);

    /// <summary>
    /// Starts a new problem at <paramref name="t0"/>: keeps the differential components of <paramref name="y0"/>,
    /// computes consistent algebraic components of y and differential components of y' (IDA_YA_YDP_INIT, damped
    /// Newton; the values given serve as first guesses) and resets the statistics. Read the consistent values with
    /// <see cref="Interpolate"/> at <see cref="CurrentTime"/>.
    /// </summary>
    public void Initialize(double t0, ReadOnlySpan<double> y0, ReadOnlySpan<double> yp0)
    {
        _counters = default;
        _stopTimeSet = false;
        Start(t0, y0, yp0);
    }

    /// <summary>
    /// Restarts at <paramref name="t"/> after the system changed its equations (a mode switch): as
    /// <see cref="Initialize"/> — consistent initialisation, history reset to order 1 — but statistics accumulate
    /// and a stop time later than <paramref name="t"/> stays set.
    /// </summary>
    public void Reinitialize(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp)
    {
        if (!_initialized)
        {
            throw new InvalidOperationException("Call Initialize before Reinitialize.");
        }

        Start(t, y, yp);
    }

    /// <summary>
    /// Sets a time the integrator will not step past: <see cref="AdvanceTo"/> returns
    /// <see cref="SolverStatus.StopTimeReached"/> exactly there (and clears it). Must not lie before
    /// <see cref="CurrentTime"/>: set it before the integrator passes it.
    /// </summary>
    public void SetStopTime(double tStop)
    {
        RequireInitialized();
        if (!double.IsFinite(tStop) || tStop < _tn)
        {
            throw new ArgumentOutOfRangeException(nameof(tStop), tStop, $"The stop time must be finite and not before the integrator's time {_tn:R} s.");
        }

        _stopTime = tStop;
        _stopTimeSet = true;
    }

    /// <summary>Removes the stop time.</summary>
    public void ClearStopTime() => _stopTimeSet = false;

    /// <summary>
    /// Advances the solution to <paramref name="tOut"/> and writes y(tOut), y'(tOut) (from the interpolant; pass an
    /// empty <paramref name="ypOut"/> to skip y'). Returns early at a root (y at <see cref="LastRootTime"/>) or at the
    /// stop time. Throws <see cref="BdfSolverException"/> when the integrator cannot continue.
    /// </summary>
    public SolverStatus AdvanceTo(double tOut, Span<double> yOut, Span<double> ypOut)
    {
        RequireInitialized();
        if (yOut.Length != _n || (ypOut.Length != _n && !ypOut.IsEmpty))
        {
            throw new ArgumentException($"The output vectors must have {_n} entries (y' may be empty).");
        }

        if (!double.IsFinite(tOut))
        {
            throw new ArgumentOutOfRangeException(nameof(tOut), tOut, "The output time must be finite.");
        }

        _callStart = _counters;
        _callMaxOrder = 0;
        return Advance(tOut, yOut, ypOut);
    }

    /// <summary>
    /// y(t) and y'(t) from the BDF interpolating polynomial of the last step; t must lie within that step
    /// [CurrentTime − LastStepSize, CurrentTime] (or equal <see cref="CurrentTime"/> before the first step). Pass an
    /// empty <paramref name="yp"/> to skip y'.
    /// </summary>
    public void Interpolate(double t, Span<double> y, Span<double> yp)
    {
        RequireInitialized();
        if (y.Length != _n || (yp.Length != _n && !yp.IsEmpty))
        {
            throw new ArgumentException($"The output vectors must have {_n} entries (y' may be empty).");
        }

        RequireWithinLastStep(t);
        InterpolateUnchecked(t, y, yp);
    }

    private void Start(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp)
    {
        if (y.Length != _n || yp.Length != _n)
        {
            throw new ArgumentException($"y and y' must have {_n} entries.");
        }

        if (!double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The initial time must be finite.");
        }

        if (_system.Layout != _matrix.Layout)
        {
            throw new InvalidOperationException("The system's JacobianLayout changed; a solver serves one layout.");
        }

        if (_system.RootCount != _rootCount)
        {
            throw new InvalidOperationException("The system's RootCount changed; a solver serves a fixed set of root functions.");
        }

        _callStart = _counters;
        _callMaxOrder = 0;

        ReadOnlySpan<bool> isDifferential = _system.IsDifferential;
        _hasAlgebraic = false;
        for (int i = 0; i < _n; i++)
        {
            _differentialMask[i] = isDifferential[i] ? 1.0 : 0.0;
            _hasAlgebraic |= !isDifferential[i];
            _errorMask[i] = _options.SuppressAlgebraicInErrorTest ? _differentialMask[i] : 1.0;
        }

        _tn = t;
        y.CopyTo(_phi[0]);
        yp.CopyTo(_phi[1]);
        _nst = 0;
        _k = 1;
        _kUsed = 0;
        _hUsed = 0.0;
        _h = 0.0;
        _psi[0] = 1.0; // so that interpolation at t before the first step gives y' = φ_1
        _firstCallPending = true;
        _tRetLast = t;
        _lastReturnWasRoot = false;
        _lastRootTime = double.NaN;
        Array.Clear(_rootsFired);
        if (_stopTimeSet && _stopTime <= t)
        {
            _stopTimeSet = false;
        }

        if (!SetErrorWeights(_phi[0]))
        {
            throw Failure(BdfFailure.BadErrorWeights, "an error weight is not positive (absolute tolerance 0 on a component that is 0)");
        }

        ComputeConsistentInitialConditions();
        _initialized = true;
    }

    private void RequireInitialized()
    {
        if (!_initialized)
        {
            throw new InvalidOperationException("Call Initialize first.");
        }
    }

    private BdfStatistics Snapshot(in BdfCounters c, int maxOrderUsed) => new()
    {
        Steps = c.Steps,
        ErrorTestFailures = c.ErrorTestFailures,
        StepsRejectedForConvergence = c.StepsRejectedForConvergence,
        NewtonIterations = c.NewtonIterations,
        NewtonConvergenceFailures = c.NewtonConvergenceFailures,
        ResidualEvaluations = c.ResidualEvaluations,
        ResidualEvaluationsForJacobian = c.ResidualEvaluationsForJacobian,
        JacobianEvaluations = c.JacobianEvaluations,
        Factorizations = c.Factorizations,
        RootFunctionEvaluations = c.RootFunctionEvaluations,
        RootsFound = c.RootsFound,
        MaxOrderUsed = maxOrderUsed,
        LastOrder = _kUsed,
        CurrentOrder = _k,
        LastStepSize = _hUsed,
        CurrentStepSize = _h,
        CurrentTime = _tn,
    };

    private BdfSolverException Failure(BdfFailure failure, string why) =>
        new(failure, _tn, _h, FormattableString.Invariant($"{Capitalize(why)} at t = {_tn:G6} s, h = {_h:G3} s."));

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
