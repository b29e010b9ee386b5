using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Link;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using ChargeTwin.Controller.Twin;
using ChargeTwin.ControllerHost.Config;
using ChargeTwin.FirmwareInterface.Logs;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// The whole controller as the host runs it, whatever drives it (the real-time loop of <c>run</c>, the virtual clock
/// of <c>replay</c> and <c>selftest</c>): the twin inside the charging session, the safety monitor in the power-stage
/// link, every received frame stamped with the tick that takes it, and each decision (and each change of what goes
/// out) into the decision log. Time is charge time: the first tick is 0. <see cref="Tick"/> allocates nothing in
/// steady state.
/// </summary>
public sealed class ControllerStack : IDisposable
{
    private readonly TickStampedTransport _transport;
    private readonly DecisionTap _tap;
    private readonly DecisionLog _log;
    private Setpoint _lastSent;
    private long _overruns;
    private long _skipped;
    private bool _started;

    /// <param name="recorder">Where every frame sent and taken goes, stamped with its tick (the input of <c>replay</c>); null: none.</param>
    public ControllerStack(HostConfig config, ParameterSet cell, ChargerProtocol protocol, DiagnosisTable table, ICanTransport transport, DecisionLog log, CandumpRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var capacity = config.Capacity_Ah ?? cell.Scalar("Nominal cell capacity [A.h]");
        var context = new ControllerContext(capacity, config.ChargerMaxCurrent_A, config.ChargerMaxVoltage_V, config.ControlPeriodNs / 1e9, config.InitialSoc, config.InitialSocSigma);
        var twin = new TwinController(new TwinSpec("twin") { K = config.K, VoltageLimit_V = config.ChargerMaxVoltage_V }, context, cell);
        Monitor = new SafetyMonitor(table);
        Session = new SessionController(twin, monitor: Monitor);
        _tap = new DecisionTap(Session);
        _transport = new TickStampedTransport(transport);
        var stamped = _transport;
        ICanTransport linkEnd = recorder is null ? stamped : new RecordingCanTransport(stamped, recorder, () => stamped.NowNs);
        Link = new ChargerLink(protocol, linkEnd, _tap, new ChargerLinkOptions(config.ControlPeriodNs, config.Ramp_APerS), Monitor);
        _log = log;
    }

    public SafetyMonitor Monitor { get; }

    public SessionController Session { get; }

    public ChargerLink Link { get; }

    public DecisionLog Log => _log;

    /// <summary>Control steps taken.</summary>
    public long Decisions => _tap.Count;

    /// <summary>
    /// One tick at charge time <paramref name="nowNs"/> (the first must be 0): receive, supervise, decide when due,
    /// send. <paramref name="overruns"/> is the loop's deadline-overrun count (for the monitor and the log), and
    /// <paramref name="skippedReleases"/> the releases it skipped (for the log).
    /// </summary>
    public void Tick(long nowNs, long overruns = 0, long skippedReleases = 0)
    {
        if (!_started)
        {
            Link.Start(nowNs);
            Session.Start();
            _started = true;
        }

        _transport.NowNs = nowNs;
        Link.DeadlineOverruns = overruns;
        _tap.Decided = false;
        Link.Tick(nowNs);
        var sent = Link.Setpoint;
        if (_tap.Decided || sent != _lastSent || overruns != _overruns || skippedReleases != _skipped)
        {
            var verdict = Link.Verdict;
            _log.Add(new DecisionRecord(nowNs, _tap.Decided, Session.State, Link.Measurement, _tap.Last, sent, verdict.Reaction, verdict.DiagnosisId, Session.StateOfCharge, overruns, skippedReleases));
            _lastSent = sent;
            _overruns = overruns;
            _skipped = skippedReleases;
        }
    }

    public void Dispose() => _transport.Dispose();

    /// <summary>The session as the link sees it, noting each control step.</summary>
    private sealed class DecisionTap(SessionController session) : IChargeController
    {
        public bool Decided { get; set; }

        public Setpoint Last { get; private set; }

        public long Count { get; private set; }

        public string Name => session.Name;

        public Estimate StateOfCharge => session.StateOfCharge;

        public double InnovationNis => session.InnovationNis;

        public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
        {
            Last = session.Step(measured, chargeTime_s);
            Decided = true;
            Count++;
            return Last;
        }
    }
}
