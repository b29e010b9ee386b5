using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Twin;
using static ChargeTwin.Controller.Session.SessionState;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// A charging controller that runs an inner one (the twin, or a baseline) inside the charging session. Each period it
/// steps the inner controller (from Precheck on, and in Fault, so that an estimator stays in step with the cell),
/// reads its insight (plating evidence, admissible current) and the safety monitor's verdict, lets the session take
/// its transitions, and returns min(inner current, the state's cap, the verdict's limit): the monitor always wins.
/// The output is off in Idle, Precheck, Fault, EmergencyStop and Complete; the reason names the state and what binds.
/// Operator commands (<see cref="Start"/>, <see cref="Stop"/>, <see cref="Reset"/>) and <see cref="Step"/> belong
/// to the loop thread (a host's command ring delivers them there). A steady period allocates nothing.
/// </summary>
public sealed class SessionController : IChargeController
{
    private static readonly string[] Prefixes = BuildPrefixes();
    private readonly IChargeController _inner;
    private readonly IChargeInsight? _insight;
    private readonly ISafetyMonitor? _monitor;
    private readonly ChargingSession _session;
    private readonly ReasonCache _reasons = new(Prefixes);
    private readonly string _preconditioningCap;
    private readonly string _admissibleCap = "at the solver's admissible current";
    private readonly string _recoveryCap;
    private SessionObservation _o;
    private SafetyVerdict _verdict = SafetyVerdict.Nominal;
    private long _seenTransitions;
    private string _marginCap = "";
    private int _marginRecoveries;

    /// <param name="inner">The controller whose current the session passes on (capped).</param>
    /// <param name="limits">The session's thresholds (defaults when null).</param>
    /// <param name="insight">Plating evidence and admissible current; when null, the inner controller's own if it has one, the twin's telemetry for a <see cref="TwinController"/>, else none.</param>
    /// <param name="monitor">When given, its <see cref="ISafetyMonitor.Verdict"/> is read each period (the host ticks it); else <see cref="Verdict"/> is set from outside.</param>
    public SessionController(IChargeController inner, SessionLimits? limits = null, IChargeInsight? insight = null, ISafetyMonitor? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _insight = insight ?? inner as IChargeInsight ?? (inner is TwinController twin ? new TwinInsight(twin) : null);
        _monitor = monitor;
        _session = new ChargingSession(limits ?? new SessionLimits());
        var l = _session.Limits;
        _preconditioningCap = $"preconditioning cap {SessionLimits.Number(l.PreconditioningMaxCurrent_A)} A";
        _recoveryCap = $"resting at {SessionLimits.Number(l.RecoveryCurrent_A)} A for {SessionLimits.Number(l.RecoveryRest_s)} s";
        _marginCap = MarginText();
        Name = inner.Name + " in session";
    }

    public string Name { get; }

    public Estimate StateOfCharge => _inner.StateOfCharge;

    /// <summary>The controller the session runs.</summary>
    public IChargeController Inner => _inner;

    /// <summary>The inner controller's estimator innovation (the monitor's divergence row reads it through the link).</summary>
    public double InnovationNis => _inner.InnovationNis;

    /// <summary>The state machine: state, time entered, transitions, unhandled triggers, margin, recoveries.</summary>
    public ChargingSession Session => _session;

    public SessionState State => _session.State;

    public TransitionLog Transitions => _session.Transitions;

    public UnhandledTriggers Unhandled => _session.Unhandled;

    /// <summary>The session asks the cell's heater to run (Preconditioning, until the warm-from temperature).</summary>
    public bool HeatingRequested => _session.HeatingRequested;

    /// <summary>The verdict in force: the monitor's when one was given, else the last one set (nominal until then).</summary>
    public SafetyVerdict Verdict
    {
        get => _monitor?.Verdict ?? _verdict;
        set
        {
            if (_monitor is not null)
            {
                throw new InvalidOperationException("the session reads its verdict from the safety monitor it was given");
            }

            _verdict = value;
        }
    }

    /// <summary>The power stage's status and heartbeat arrive (set by the host's supervision; ChargerLink steps the controller only while they do).</summary>
    public bool PowerStageLinkAlive { get; set; } = true;

    /// <summary>What the inner controller asked for in the last period (default when it was not stepped).</summary>
    public Setpoint InnerSetpoint { get; private set; }

    /// <summary>The monitor's cause when Fault or EmergencyStop was entered ("" otherwise).</summary>
    public string Cause { get; private set; } = "";

    /// <summary>Operator: begin a charge. False (and recorded as unhandled) unless Idle or Complete.</summary>
    public bool Start() => _session.Start();

    /// <summary>Operator: end the charge. False (and recorded as unhandled) in Idle and EmergencyStop.</summary>
    public bool Stop() => _session.Stop();

    /// <summary>Operator: reset a latched emergency stop; taken only when the verdict in force no longer demands one.</summary>
    public bool Reset() => _session.Reset(Verdict.Reaction);

    public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
    {
        var verdict = Verdict;
        var stepped = _session.State is Precheck or Fault || _session.IsIn(Charging);
        InnerSetpoint = stepped ? _inner.Step(measured, chargeTime_s) : default;
        _o.Time_s = chargeTime_s;
        _o.Reaction = verdict.Reaction;
        _o.PowerStageLinkAlive = PowerStageLinkAlive;
        _o.Voltage_V = measured.Voltage_V;
        _o.Current_A = measured.Current_A;
        _o.Temperature_K = measured.Temperature_K;
        _o.StackPressure_Pa = measured.StackPressure_Pa;
        _o.PlatingEvidence = _insight is null ? 0 : _insight.PlatingEvidence;
        _session.Observe(_o);
        if (_session.Transitions.Count != _seenTransitions)
        {
            Entered(verdict);
        }

        return Output(InnerSetpoint, verdict);
    }

    private void Entered(in SafetyVerdict verdict)
    {
        _seenTransitions = _session.Transitions.Count;
        // Fault and EmergencyStop keep the cause they were entered with (the transition into them was this period's).
        Cause = _session.State is not Fault and not EmergencyStop ? ""
            : verdict.DiagnosisId is null ? verdict.Cause
            : verdict.DiagnosisId + ": " + verdict.Cause;
        if (_marginRecoveries != _session.PlatingRecoveries)
        {
            _marginRecoveries = _session.PlatingRecoveries;
            _marginCap = MarginText();
        }
    }

    private Setpoint Output(in Setpoint inner, in SafetyVerdict verdict)
    {
        var state = _session.State;
        switch (state)
        {
            case Idle:
            case Complete:
                return Setpoint.Off(_reasons.For(state, ""));
            case Precheck:
                return Setpoint.Off(_reasons.For(state, _session.PrecheckProblem() ?? ""));
            case Fault:
            case EmergencyStop:
                return Setpoint.Off(_reasons.For(state, Cause));
        }

        if (!inner.Enable)
        {
            return Setpoint.Off(_reasons.For(state, inner.Reason));
        }

        var innerCurrent_A = NotNaN(inner.CurrentLimit_A);
        var (cap_A, capText) = Cap(state, innerCurrent_A);
        var verdict_A = verdict.Reaction >= SafetyReaction.Stop ? 0 : NotNaN(verdict.CurrentLimit_A);
        var current_A = Math.Min(innerCurrent_A, Math.Min(cap_A, verdict_A));
        var cause = verdict.Reaction != SafetyReaction.None && verdict_A <= current_A ? verdict.Cause
            : cap_A < innerCurrent_A ? capText
            : inner.Reason;
        return new Setpoint(current_A, inner.VoltageLimit_V, current_A > 0, _reasons.For(state, cause));
    }

    private (double Cap_A, string Text) Cap(SessionState state, double inner_A)
    {
        var margin_A = _session.CurrentScale * inner_A;
        switch (state)
        {
            case Preconditioning:
                var admissible_A = _insight is null ? double.PositiveInfinity : _insight.NothingAdmissible ? 0 : NotNaN(_insight.AdmissibleCurrent_A);
                var preconditioning_A = _session.Limits.PreconditioningMaxCurrent_A;
                var cap_A = Math.Min(margin_A, Math.Min(preconditioning_A, admissible_A));
                return (cap_A, cap_A == margin_A ? _marginCap : admissible_A < preconditioning_A ? _admissibleCap : _preconditioningCap);
            case PlatingRecovery:
                return (Math.Min(margin_A, _session.Limits.RecoveryCurrent_A), _recoveryCap);
            default:
                return (margin_A, _marginCap);
        }
    }

    private string MarginText() => $"margin × {SessionLimits.Number(_session.CurrentScale)} (plating recoveries: {_session.PlatingRecoveries})";

    /// <summary>A NaN current is no current: fail safe.</summary>
    private static double NotNaN(double current_A) => double.IsNaN(current_A) ? 0 : current_A;

    private static string[] BuildPrefixes()
    {
        var prefixes = new string[Enum.GetValues<SessionState>().Length];
        prefixes[(int)Idle] = "idle: output off";
        prefixes[(int)Precheck] = "precheck: output off";
        prefixes[(int)Charging] = "charging";
        prefixes[(int)Preconditioning] = "preconditioning (heating)";
        prefixes[(int)FastCharge] = "fast charge";
        prefixes[(int)Taper] = "taper";
        prefixes[(int)PlatingRecovery] = "plating recovery";
        prefixes[(int)Derated] = "derated";
        prefixes[(int)Complete] = "complete: output off";
        prefixes[(int)Fault] = "fault: output off";
        prefixes[(int)EmergencyStop] = "emergency stop (latched): output off";
        return prefixes;
    }
}
