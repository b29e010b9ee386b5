using ChargeTwin.HilBench.Experiments;
using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

/// <summary>Why an experiment step ended.</summary>
public enum StepEnd
{
    Duration,
    Condition,
    AlreadyMet,
    TimeLimit,
}

/// <summary>One finished experiment step.</summary>
public sealed record StepOutcome(ExperimentStep Step, double Start_s, double End_s, StepEnd End);

/// <summary>
/// Runs the DFN plant on the BDF integrator: holds a current, voltage or power, advances time,
/// and executes PyBaMM-style experiment steps with their end conditions located exactly.
/// The solution is sampled from the integrator's interpolant, so samples do not depend on the output grid.
/// </summary>
public sealed class CellSimulator
{
    /// <summary>A step without a duration ends after this long at the latest [s].</summary>
    public const double StepTimeLimit_s = 100 * 3600;

    private readonly BdfSolver _solver;
    private readonly double[] _y;
    private readonly double[] _yp;
    private readonly double[] _roots = new double[DfnModel.MaxEvents];
    private readonly PlantEvent[] _events = new PlantEvent[DfnModel.MaxEvents];
    private readonly double _initialNegativeLithium_mol;

    public CellSimulator(DfnModel model, double initialStateOfCharge, BdfOptions? options = null)
    {
        Model = model;
        Windows = StoichiometryWindows.Compute(model.Parameters);
        _solver = new BdfSolver(model, options ?? DefaultSolverOptions);
        Span<int> falling = stackalloc int[DfnModel.MaxEvents];
        falling.Fill(-1);
        _solver.SetRootDirections(falling);
        model.SetCurrent(0);
        model.SetEvents([]);
        _y = model.InitialState(initialStateOfCharge, Windows);
        _yp = new double[_y.Length];
        _solver.Initialize(0, _y, _yp);
        _solver.Interpolate(0, _y, _yp);
        Time_s = 0;
        var s = default(PlantSample);
        model.Observe(0, _y, Windows, ref s);
        _initialNegativeLithium_mol = s.NegativeSideLithium_mol;
    }

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

    /// <summary>Switches what the terminals hold and makes the algebraic state consistent with it.</summary>
    public void Hold(OperatingMode mode, double setpoint, ReadOnlySpan<PlantEvent> events = default)
    {
        Model.SetMode(mode, setpoint);
        events.CopyTo(_events);
        _events.AsSpan(events.Length).Clear();
        Model.SetEvents(_events);
        _solver.Reinitialize(Time_s, _y, _yp);
        _solver.Interpolate(Time_s, _y, _yp);
    }

    /// <summary>
    /// Advances to <paramref name="t_s"/> unless an event fires first; returns true when it reached t.
    /// </summary>
    public bool AdvanceTo(double t_s)
    {
        var status = _solver.AdvanceTo(t_s, _y, _yp);
        if (status == SolverStatus.RootFound)
        {
            Time_s = _solver.LastRootTime;
            return false;
        }

        Time_s = t_s;
        return true;
    }

    /// <summary>The measurable quantities and the hidden truth now.</summary>
    public PlantSample Sample()
    {
        var s = default(PlantSample);
        Model.Observe(Time_s, _y, Windows, ref s);
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
    /// step's end; <paramref name="onSample"/> receives each sample with its step index.
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

            Hold(mode, setpoint, events[..count]);
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
