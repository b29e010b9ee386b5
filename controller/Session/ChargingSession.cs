using ChargeTwin.Controller.Safety;
using Stateless;
using Stateless.Reflection;
using static ChargeTwin.Controller.Session.SessionState;
using static ChargeTwin.Controller.Session.SessionTrigger;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The charging session's state machine (Stateless), configured in one block below, and the plain code that drives
/// it. Every automatic trigger has one condition, which is also its guard in the machine: each period
/// <see cref="Observe"/> evaluates the conditions of the triggers the current state has a transition for (a table
/// read from the machine's own description at construction) and fires a trigger only when its condition holds — so
/// Stateless is called only for a transition, and a steady period allocates nothing. A transition may lead to another
/// in the same period (Precheck → FastCharge → Taper); at most <see cref="MaxFiresPerPeriod"/> are taken. Operator
/// commands fire at once and report whether they were taken. Not thread-safe: call everything from the loop thread.
/// </summary>
public sealed class ChargingSession
{
    /// <summary>The most transitions one period takes (the conditions have hysteresis; this only bounds a mistake).</summary>
    public const int MaxFiresPerPeriod = 8;

    private const int Automatic = (int)Tapered + 1;
    private static readonly int TriggerCount = Enum.GetValues<SessionTrigger>().Length;
    private static readonly int StateCount = Enum.GetValues<SessionState>().Length;

    private readonly StateMachine<SessionState, SessionTrigger> _machine;
    private readonly SessionLimits _limits;
    private readonly string? _limitsProblem;
    private readonly Func<bool>[] _conditions;
    private readonly bool[] _fireable;
    private SessionObservation _o;
    private SessionState _state;
    private double _lowCurrentSince_s = double.NaN;
    private double _recoveryUntil_s;
    private bool _platingArmed = true;

    public ChargingSession(SessionLimits limits, int transitionLogCapacity = 64)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _limitsProblem = limits.Problem();
        Transitions = new TransitionLog(transitionLogCapacity);
        _machine = new StateMachine<SessionState, SessionTrigger>(() => _state, s => _state = s, FiringMode.Immediate);
        _conditions = new Func<bool>[Automatic];
        Configure(Describe(limits));
        _fireable = FireableTable(_machine.GetInfo());
    }

    /// <summary>The current state (never the superstate <see cref="Charging"/>).</summary>
    public SessionState State => _state;

    /// <summary>Charge time at which the current state was entered [s].</summary>
    public double StateEntered_s { get; private set; }

    public TransitionLog Transitions { get; }

    public UnhandledTriggers Unhandled { get; } = new();

    /// <summary>Periods whose transitions reached <see cref="MaxFiresPerPeriod"/> without settling (0 unless the conditions oscillate).</summary>
    public long UnsettledPeriods { get; private set; }

    /// <summary>The session's current margin: the fraction of the inner controller's current it passes on (1 until a plating recovery).</summary>
    public double CurrentScale { get; private set; } = 1;

    /// <summary>Plating recoveries in this charge.</summary>
    public int PlatingRecoveries { get; private set; }

    /// <summary>Heating is requested: from entering Preconditioning until the surface reaches the warm-from temperature (or the charge stops).</summary>
    public bool HeatingRequested { get; private set; }

    /// <summary>When the current plating recovery's rest ends [s charge time].</summary>
    public double RecoveryUntil_s => _recoveryUntil_s;

    public SessionLimits Limits => _limits;

    /// <summary>The last observation the conditions read.</summary>
    public ref readonly SessionObservation Observation => ref _o;

    /// <summary>The machine's description, for the diagrams (allocates: not for the loop).</summary>
    public StateMachineInfo Info => _machine.GetInfo();

    /// <summary>True when the current state is <paramref name="state"/> or one of its substates.</summary>
    public bool IsIn(SessionState state) => state == Charging ? _state is Preconditioning or FastCharge or Taper or PlatingRecovery or Derated : _state == state;

    /// <summary>Why Precheck cannot pass, as one line, or null when it can.</summary>
    public string? PrecheckProblem()
    {
        if (_limitsProblem is not null)
        {
            return "limits not loaded";
        }

        if (!_o.PowerStageLinkAlive)
        {
            return "power-stage link not alive";
        }

        return SensorsPlausible() ? null : "sensors not plausible";
    }

    /// <summary>One period: take the observation, update the timers, and fire the triggers whose conditions hold until the state settles.</summary>
    public void Observe(in SessionObservation observation)
    {
        _o = observation;
        if (!(_o.PlatingEvidence >= _limits.PlatingEvidenceRearm))
        {
            _platingArmed = true;
        }

        if (HeatingRequested && (_o.Temperature_K >= _limits.WarmFrom_K || !IsIn(Charging)))
        {
            HeatingRequested = false;
        }

        _lowCurrentSince_s = _state == Taper && _o.Current_A <= _limits.CompleteBelow_A
            ? (double.IsNaN(_lowCurrentSince_s) ? _o.Time_s : _lowCurrentSince_s)
            : double.NaN;
        for (var fired = 0; fired < MaxFiresPerPeriod; fired++)
        {
            if (Next() is not { } trigger)
            {
                return;
            }

            _machine.Fire(trigger);
        }

        if (Next() is not null)
        {
            UnsettledPeriods++;
        }
    }

    /// <summary>Operator: begin a charge (from Idle or Complete). False, and recorded as unhandled, from any other state.</summary>
    public bool Start() => Command(SessionTrigger.Start);

    /// <summary>Operator: end the charge (to Idle). False, and recorded as unhandled, in Idle and in EmergencyStop (only <see cref="Reset"/> leaves it).</summary>
    public bool Stop() => Command(SessionTrigger.Stop);

    /// <summary>
    /// Operator: the explicit reset of a latched emergency stop, taken only when <paramref name="reactionNow"/> (the
    /// monitor's verdict now) no longer demands one. False, and recorded as unhandled, otherwise or in any other state.
    /// </summary>
    public bool Reset(SafetyReaction reactionNow)
    {
        _o.Reaction = reactionNow;
        return Command(SessionTrigger.Reset);
    }

    private bool Command(SessionTrigger trigger)
    {
        var before = Unhandled.Count;
        _machine.Fire(trigger);
        return Unhandled.Count == before;
    }

    private SessionTrigger? Next()
    {
        var row = (int)_state * TriggerCount;
        for (var t = 0; t < Automatic; t++)
        {
            if (_fireable[row + t] && _conditions[t]())
            {
                return (SessionTrigger)t;
            }
        }

        return null;
    }

    /// <summary>The machine. Each automatic trigger's guard is its condition (<see cref="Condition"/>); the texts are the diagram's.</summary>
    private void Configure(GuardTexts g)
    {
        var emergency = Condition(Emergency, () => _o.Reaction == SafetyReaction.EmergencyStop);
        var stop = Condition(SafetyStop, () => _o.Reaction == SafetyReaction.Stop);
        var stopCleared = Condition(FaultCleared, () => _o.Reaction < SafetyReaction.Stop);
        var precheck = Condition(PrecheckPassed, () => PrecheckProblem() is null);
        var derate = Condition(SessionTrigger.Derate, () => _o.Reaction == SafetyReaction.Derate);
        var nominal = Condition(DerateCleared, () => _o.Reaction == SafetyReaction.None);
        var plating = Condition(PlatingDetected, () => _platingArmed && _o.PlatingEvidence >= _limits.PlatingEvidenceThreshold);
        var rested = Condition(RecoveryDone, () => _o.Time_s >= _recoveryUntil_s);
        var cold = Condition(TooCold, () => _o.Temperature_K < _limits.ColdBelow_K);
        var warm = Condition(Warmed, () => _o.Temperature_K >= _limits.WarmFrom_K);
        var nearVoltage = Condition(NearVoltageLimit, () => _o.Voltage_V >= _limits.TaperFrom_V);
        var tapered = Condition(Tapered, () => _o.Time_s - _lowCurrentSince_s >= _limits.CompleteHold_s);
        Func<bool> notCold = () => !cold();
        Func<bool> noEmergency = () => _o.Reaction != SafetyReaction.EmergencyStop;

        _machine.Configure(Idle)
            .Permit(SessionTrigger.Start, Precheck)
            .PermitIf(Emergency, SessionState.EmergencyStop, emergency, g.Emergency);

        _machine.Configure(Precheck)
            .OnEntryFrom(SessionTrigger.Start, BeginCharge, "new charge: margin back to 1")
            .PermitIf(PrecheckPassed, Preconditioning, Tuple.Create(precheck, g.Precheck), Tuple.Create(cold, g.Cold))
            .PermitIf(PrecheckPassed, FastCharge, Tuple.Create(precheck, g.Precheck), Tuple.Create(notCold, g.NotCold))
            .PermitIf(SafetyStop, Fault, stop, g.Stop)
            .PermitIf(Emergency, SessionState.EmergencyStop, emergency, g.Emergency)
            .Permit(SessionTrigger.Stop, Idle);

        _machine.Configure(Charging)
            .PermitIf(SafetyStop, Fault, stop, g.Stop)
            .PermitIf(Emergency, SessionState.EmergencyStop, emergency, g.Emergency)
            .Permit(SessionTrigger.Stop, Idle);

        _machine.Configure(Preconditioning)
            .SubstateOf(Charging)
            .OnEntry(() => HeatingRequested = true, "request heating")
            .PermitIf(Warmed, FastCharge, warm, g.Warm)
            .PermitIf(SessionTrigger.Derate, Derated, derate, g.Derate)
            .PermitIf(PlatingDetected, PlatingRecovery, plating, g.Plating);

        _machine.Configure(FastCharge)
            .SubstateOf(Charging)
            .PermitIf(SessionTrigger.Derate, Derated, derate, g.Derate)
            .PermitIf(PlatingDetected, PlatingRecovery, plating, g.Plating)
            .PermitIf(TooCold, Preconditioning, cold, g.Cold)
            .PermitIf(NearVoltageLimit, Taper, nearVoltage, g.NearVoltage);

        _machine.Configure(Taper)
            .SubstateOf(Charging)
            .PermitIf(SessionTrigger.Derate, Derated, derate, g.Derate)
            .PermitIf(PlatingDetected, PlatingRecovery, plating, g.Plating)
            .PermitIf(Tapered, Complete, tapered, g.Tapered);

        _machine.Configure(PlatingRecovery)
            .SubstateOf(Charging)
            .OnEntry(BeginRecovery, g.Recovery)
            .PermitIf(RecoveryDone, FastCharge, rested, g.Rested);

        _machine.Configure(Derated)
            .SubstateOf(Charging)
            .PermitIf(DerateCleared, FastCharge, nominal, g.Nominal)
            .PermitIf(PlatingDetected, PlatingRecovery, plating, g.Plating);

        _machine.Configure(Complete)
            .Permit(SessionTrigger.Start, Precheck)
            .Permit(SessionTrigger.Stop, Idle)
            .PermitIf(Emergency, SessionState.EmergencyStop, emergency, g.Emergency);

        _machine.Configure(Fault)
            .PermitIf(FaultCleared, Precheck, stopCleared, g.StopCleared)
            .PermitIf(Emergency, SessionState.EmergencyStop, emergency, g.Emergency)
            .Permit(SessionTrigger.Stop, Idle);

        _machine.Configure(SessionState.EmergencyStop)
            .PermitIf(SessionTrigger.Reset, Idle, noEmergency, g.NoEmergency);

        _machine.OnTransitioned(Record);
        _machine.OnUnhandledTrigger(Unhandled.Record);
    }

    private Func<bool> Condition(SessionTrigger trigger, Func<bool> condition) => _conditions[(int)trigger] = condition;

    private bool SensorsPlausible() =>
        _o.Voltage_V >= _limits.MinVoltage_V && _o.Voltage_V <= _limits.MaxVoltage_V
        && _o.Temperature_K >= _limits.MinTemperature_K && _o.Temperature_K <= _limits.MaxTemperature_K
        && double.IsFinite(_o.Current_A);

    private void BeginCharge()
    {
        CurrentScale = 1;
        PlatingRecoveries = 0;
        _platingArmed = true;
    }

    private void BeginRecovery()
    {
        PlatingRecoveries++;
        CurrentScale *= _limits.RecoveryCurrentScale;
        _platingArmed = false;
        _recoveryUntil_s = _o.Time_s + _limits.RecoveryRest_s;
    }

    private void Record(StateMachine<SessionState, SessionTrigger>.Transition t)
    {
        StateEntered_s = _o.Time_s;
        Transitions.Add(new SessionTransition(t.Source, t.Destination, t.Trigger, _o.Time_s));
    }

    /// <summary>Whether the state (or its superstate) has a transition for the trigger: an ignored trigger and an absent one have none.</summary>
    private static bool[] FireableTable(StateMachineInfo info)
    {
        var table = new bool[StateCount * TriggerCount];
        var states = info.States.ToDictionary(s => (SessionState)s.UnderlyingState);
        foreach (var (state, leaf) in states)
        {
            for (var t = 0; t < TriggerCount; t++)
            {
                for (var s = leaf; s is not null; s = s.Superstate)
                {
                    if (s.FixedTransitions.Any(f => (int)(SessionTrigger)f.Trigger.UnderlyingTrigger == t))
                    {
                        table[((int)state * TriggerCount) + t] = true;
                        break;
                    }

                    if (s.IgnoredTriggers.Any(i => (int)(SessionTrigger)i.Trigger.UnderlyingTrigger == t))
                    {
                        break;
                    }
                }
            }
        }

        return table;
    }

    private static GuardTexts Describe(SessionLimits l) => new(
        Emergency: "monitor says EmergencyStop",
        Stop: "monitor says Stop",
        StopCleared: "monitor no longer says Stop",
        Derate: "monitor says Derate",
        Nominal: "monitor nominal",
        NoEmergency: "monitor no longer demands EmergencyStop",
        Precheck: "link alive, sensors plausible, limits loaded",
        Cold: $"T < {SessionLimits.Celsius(l.ColdBelow_K)} °C",
        NotCold: $"T ≥ {SessionLimits.Celsius(l.ColdBelow_K)} °C",
        Warm: $"T ≥ {SessionLimits.Celsius(l.WarmFrom_K)} °C",
        Plating: $"plating evidence ≥ {SessionLimits.Number(l.PlatingEvidenceThreshold)} × alarm (re-armed below {SessionLimits.Number(l.PlatingEvidenceRearm)})",
        Recovery: $"current ≤ {SessionLimits.Number(l.RecoveryCurrent_A)} A for {SessionLimits.Number(l.RecoveryRest_s)} s; margin × {SessionLimits.Number(l.RecoveryCurrentScale)}",
        Rested: $"rested {SessionLimits.Number(l.RecoveryRest_s)} s",
        NearVoltage: $"V ≥ {SessionLimits.Number(l.TaperFrom_V)} V",
        Tapered: $"I ≤ {SessionLimits.Number(l.CompleteBelow_A)} A for {SessionLimits.Number(l.CompleteHold_s)} s");

    private sealed record GuardTexts(
        string Emergency, string Stop, string StopCleared, string Derate, string Nominal, string NoEmergency, string Precheck,
        string Cold, string NotCold, string Warm, string Plating, string Recovery, string Rested, string NearVoltage, string Tapered);
}
