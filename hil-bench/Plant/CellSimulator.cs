using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// Runs the DFN plant on the BDF integrator: holds a current, voltage or power, advances time,
/// and executes PyBaMM-style experiment steps with their end conditions located exactly.
/// The solution is sampled from the integrator's interpolant, so samples do not depend on the output grid.
/// </summary>
public sealed partial class CellSimulator
{
    /// <summary>A step without a duration ends after this long at the latest [s].</summary>
    public const double StepTimeLimit_s = 100 * 3600;

    private readonly BdfSolver _solver;
    private readonly double[] _y;
    private readonly double[] _yp;
    private readonly double[] _roots = new double[DfnModel.MaxEvents];
    private readonly PlantEvent[] _events = new PlantEvent[DfnModel.MaxEvents];
    private double _initialNegativeLithium_mol;

    /// <summary>A cell at rest at the given SOC, time 0.</summary>
    public CellSimulator(DfnModel model, double initialStateOfCharge, BdfOptions? options = null)
        : this(model, StoichiometryWindows.Compute(model.Parameters), options)
    {
        model.SetCurrent(0);
        model.SetEvents([]);
        model.InitialState(initialStateOfCharge, Windows).CopyTo(_y, 0);
        Start(0);
        _initialNegativeLithium_mol = Sample().NegativeSideLithium_mol;
    }

    private CellSimulator(DfnModel model, StoichiometryWindows windows, BdfOptions? options)
    {
        Model = model;
        Windows = windows;
        Options = options ?? DefaultSolverOptions;
        _solver = new BdfSolver(model, Options);
        Span<int> falling = stackalloc int[DfnModel.MaxEvents];
        falling.Fill(-1);
        _solver.SetRootDirections(falling);
        _y = new double[model.Indices.Size];
        _yp = new double[_y.Length];
    }

    /// <summary>Integrator settings of this simulator.</summary>
    public BdfOptions Options { get; }

    /// <summary>Integrator settings the plant uses unless told otherwise (PyBaMM's reference tolerances).</summary>
    public static BdfOptions DefaultSolverOptions { get; } = new() { RelTol = 1e-6, AbsTol = 1e-8, MaxSteps = 500_000, MaxInitialStep = 0.1 };

    public DfnModel Model { get; }
    public StoichiometryWindows Windows { get; }
    public double Time_s { get; private set; }
    public ReadOnlySpan<double> State => _y;
    public BdfStatistics Statistics => _solver.Statistics;

    /// <summary>Charge passed into the cell since the start [A h], from the negative side's lithium balance.</summary>
    public double ChargeThroughput_Ah(in PlantSample s) =>
        (s.NegativeSideLithium_mol - _initialNegativeLithium_mol) * PhysicalConstants.Faraday / 3600.0;

    /// <summary>
    /// A new, independent simulator that starts from this one's state, time, mode and events, on its own
    /// copy of the model (what a controller's "oracle" probes the future with).
    /// </summary>
    public CellSimulator Fork()
    {
        var model = new DfnModel(Model.Parameters, Model.Options);
        model.SetMode(Model.Mode, Model.Mode == OperatingMode.Current ? Model.CurrentSetpoint(Time_s) : Model.Setpoint);
        model.SetEvents(_events);
        model.SetFaults(Model.Faults);
        var fork = new CellSimulator(model, Windows, Options) { _initialNegativeLithium_mol = _initialNegativeLithium_mol };
        _y.CopyTo(fork._y, 0);
        _events.CopyTo(fork._events, 0);
        fork.Start(Time_s);
        return fork;
    }

    /// <summary>Switches what the terminals hold and makes the algebraic state consistent with it.</summary>
    public void Hold(OperatingMode mode, double setpoint, ReadOnlySpan<PlantEvent> events = default)
    {
        Model.SetMode(mode, setpoint);
        SetEvents(events);
        _solver.Reinitialize(Time_s, _y, _yp);
        _solver.Interpolate(Time_s, _y, _yp);
    }

    /// <summary>
    /// Injects (or clears) plant faults from now on — an internal short, a cooling failure, self-heating — and makes the
    /// algebraic state consistent with them (the short's current jumps to G·V). Nothing happens when they do not change.
    /// </summary>
    public void SetFaults(in PlantFaultState faults)
    {
        if (faults == Model.Faults)
        {
            return;
        }

        Model.SetFaults(faults);
        _solver.Reinitialize(Time_s, _y, _yp);
        _solver.Interpolate(Time_s, _y, _yp);
    }

    /// <summary>The internal short's current now [A] (0 without one).</summary>
    public double ShortCurrent_A => Model.Indices.ShortCurrent < 0 ? 0 : _y[Model.Indices.ShortCurrent];

    /// <summary>
    /// Commands a new terminal current reached at a slew rate, as a power stage does: the current ramps
    /// continuously from its present value, so the integrator carries on without reinitialising. From
    /// voltage or power control it switches to current control (which does reinitialise).
    /// </summary>
    public void CommandCurrent(double current_A, double slew_APerS)
    {
        if (Model.Mode != OperatingMode.Current)
        {
            Hold(OperatingMode.Current, _y[Model.Indices.Current], _events.AsSpan(0, ActiveEvents()));
        }

        var present = _y[Model.Indices.Current];
        if (Math.Abs(current_A - present) <= slew_APerS * TimeTolerance(Time_s))
        {
            // A ramp shorter than the time resolution is a step (of a few ulps of current).
            Model.SetMode(OperatingMode.Current, current_A);
        }
        else
        {
            Model.SetCurrentRamp(Time_s, present, current_A, slew_APerS);
        }

        // The integrator may have stepped beyond the time it interpolated back to; its history then
        // belongs to the old command, and it must restart from now. Advancing with stopAtTarget avoids this.
        if (_solver.CurrentTime > Time_s)
        {
            _solver.Reinitialize(Time_s, _y, _yp);
            _solver.Interpolate(Time_s, _y, _yp);
        }
    }

    /// <summary>Sets the events the integrator locates from now on (no reinitialisation).</summary>
    public void SetEvents(ReadOnlySpan<PlantEvent> events)
    {
        events.CopyTo(_events);
        _events.AsSpan(events.Length).Clear();
        Model.SetEvents(_events);
    }

    /// <summary>
    /// Advances to <paramref name="t_s"/> unless an event fires first; returns true when it reached t.
    /// A current ramp's end is a stop time, so the integrator never steps across that kink. With
    /// <paramref name="stopAtTarget"/> the integrator does not step beyond t either — what a control loop
    /// that may change the command at t needs; without it, t is an output time interpolated from the
    /// integrator's own steps (so the output grid does not change the solution).
    /// </summary>
    public bool AdvanceTo(double t_s, bool stopAtTarget = false) => AdvanceTo(t_s, stopAtTarget ? t_s : double.NaN);

    /// <summary>
    /// Advances to <paramref name="t_s"/> (an output time, interpolated) without stepping beyond
    /// <paramref name="stopTime_s"/> (NaN: no limit) — what a loop needs that samples the plant between the instants
    /// where a command may change: the steps, and so the solution, are those of one advance to the stop time.
    /// </summary>
    public bool AdvanceTo(double t_s, double stopTime_s)
    {
        while (true)
        {
            LimitSteps(stopTime_s);
            var status = _solver.AdvanceTo(t_s, _y, _yp);
            switch (status)
            {
                case SolverStatus.RootFound:
                    Time_s = _solver.LastRootTime;
                    return false;
                case SolverStatus.StopTimeReached when _solver.CurrentTime < t_s && !(Math.Abs(_solver.CurrentTime - t_s) <= 1e-9 * Math.Max(1, t_s)):
                    Time_s = _solver.CurrentTime;
                    continue;
                default:
                    Time_s = t_s;
                    return true;
            }
        }
    }

    /// <summary>
    /// Sets the integrator's stop time to the earliest of the current ramp's end (while the integrator has not reached
    /// it), <paramref name="stopTime_s"/> (unless NaN) and any stop time already set. The ramp's end is a stop time even
    /// when the output time lies inside the ramp: an integrator that stepped across the ramp's end to reach that output
    /// time would have put the kink inside a step (the current interpolated across it, 22 mA off on a 7.5 A pulse at
    /// 10 A/s) and its end in the integrator's past, where the next advance beyond it could no longer stop.
    /// </summary>
    private void LimitSteps(double stopTime_s)
    {
        var now = _solver.CurrentTime;
        var stop = _solver.StopTime ?? double.PositiveInfinity;
        var rampEnd = Model.Mode == OperatingMode.Current ? Model.RampEnd_s : double.NegativeInfinity;
        if (rampEnd > now + TimeTolerance(now))
        {
            stop = Math.Min(stop, rampEnd);
        }

        if (!double.IsNaN(stopTime_s) && stopTime_s > now)
        {
            stop = Math.Min(stop, stopTime_s);
        }

        if (double.IsFinite(stop) && stop != _solver.StopTime)
        {
            _solver.SetStopTime(stop);
        }
    }

    /// <summary>Times closer than this are the same instant for the integrator [s].</summary>
    private static double TimeTolerance(double t) => 1e-9 * Math.Max(1.0, Math.Abs(t));

    private void Start(double t)
    {
        _solver.Initialize(t, _y, _yp);
        _solver.Interpolate(t, _y, _yp);
        Time_s = t;
    }

    private int ActiveEvents()
    {
        var n = 0;
        while (n < _events.Length && _events[n].Kind != PlantEventKind.None)
        {
            n++;
        }

        return n;
    }

    /// <summary>The measurable quantities and the hidden truth now.</summary>
    public PlantSample Sample()
    {
        var s = default(PlantSample);
        Model.Observe(Time_s, _y, Windows, ref s);
        return s;
    }

    /// <summary>The measurable quantities only (current, voltage, temperature, thickness, stack pressure); the truth fields stay 0.</summary>
    public PlantSample SampleTerminals()
    {
        var s = default(PlantSample);
        Model.ObserveTerminals(Time_s, _y, ref s);
        return s;
    }

    /// <summary>True when any of the current events' functions is already at or below zero.</summary>
    public bool EventAlreadyMet()
    {
        Model.Roots(Time_s, _y, _yp, _roots);
        for (var i = 0; i < _roots.Length; i++)
        {
            if (Model.Event(i).Kind != PlantEventKind.None && _roots[i] <= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs experiment steps, sampling at every multiple of <paramref name="outputInterval_s"/> and at each
    /// step's end; <paramref name="onSample"/> receives each sample with its step index. A step the plant cannot
    /// start throws <see cref="StepStartException"/>; a failure after a step has started stays a <see cref="BdfSolverException"/>.
    /// </summary>
    public IReadOnlyList<StepOutcome> Run(
        IReadOnlyList<ExperimentStep> steps,
        double outputInterval_s,
        Action<PlantSample, int>? onSample = null,
        CancellationToken cancellation = default)
    {
        if (!(outputInterval_s > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(outputInterval_s), outputInterval_s, "output interval must be positive");
        }

        var outcomes = new List<StepOutcome>(steps.Count);
        var capacity = Model.Parameters.NominalCapacity_Ah;
        var first = true;
        Span<PlantEvent> events = stackalloc PlantEvent[DfnModel.MaxEvents];
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var count = 0;
            foreach (var c in step.EndConditions)
            {
                events[count++] = c.Kind switch
                {
                    EndConditionKind.VoltageAbove => new PlantEvent(PlantEventKind.VoltageAbove, c.Threshold),
                    EndConditionKind.VoltageBelow => new PlantEvent(PlantEventKind.VoltageBelow, c.Threshold),
                    EndConditionKind.CurrentBelow => new PlantEvent(PlantEventKind.CurrentMagnitudeBelow, c.Threshold),
                    _ => new PlantEvent(PlantEventKind.CurrentMagnitudeBelow, c.Threshold * capacity),
                };
            }

            var (mode, setpoint) = step.Action switch
            {
                StepAction.Rest => (OperatingMode.Current, 0.0),
                StepAction.Hold => (OperatingMode.Voltage, step.Magnitude),
                _ when step.Quantity == StepQuantity.Power => (OperatingMode.Power, step.Power_W),
                _ => (OperatingMode.Current, step.Current_A(capacity)),
            };

            StartStep(i, step, mode, setpoint, events[..count]);
            var start = Time_s;
            if (first)
            {
                onSample?.Invoke(Sample(), i);
                first = false;
            }

            if (EventAlreadyMet())
            {
                outcomes.Add(new StepOutcome(step, start, start, StepEnd.AlreadyMet));
                continue;
            }

            var end = start + (step.Duration_s ?? StepTimeLimit_s);
            _solver.SetStopTime(end);
            var ended = StepEnd.TimeLimit;
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                var next = (Math.Floor(Time_s / outputInterval_s + 1e-9) + 1) * outputInterval_s;
                var target = Math.Min(next, end);
                if (!AdvanceTo(target))
                {
                    ended = StepEnd.Condition;
                    onSample?.Invoke(Sample(), i);
                    break;
                }

                onSample?.Invoke(Sample(), i);
                if (target >= end)
                {
                    ended = step.Duration_s is null ? StepEnd.TimeLimit : StepEnd.Duration;
                    break;
                }
            }

            _solver.ClearStopTime();
            outcomes.Add(new StepOutcome(step, start, Time_s, ended));
        }

        return outcomes;
    }
}
