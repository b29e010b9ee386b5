using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using ChargeTwin.Controller.Session;
using ChargeTwin.ControllerHost.Config;
using ChargeTwin.ControllerHost.Wiring;
using ChargeTwin.FirmwareInterface.Logs;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;
using ChargeTwin.RtCore.Realtime;

namespace ChargeTwin.ControllerHost;

/// <summary>
/// <c>run --config FILE.yaml</c>: the controller on real I/O. The power-stage link (UDP or SocketCAN) carries the cell
/// front end's measurement frames and the power stage's status; the twin runs inside the charging session with the
/// safety monitor in the link, in rt-core's periodic loop on CLOCK_MONOTONIC — the link and the monitor every tick,
/// the solver every <c>solver_divisor</c> ticks — with the real-time set-up the config asks for, each request reported
/// granted or refused. The charge ends at SIGINT/SIGTERM, at <c>--duration</c>, when the twin's SOC reaches the
/// config's target or when the session completes; every end is a safe stop: setpoint zero and output disabled at once,
/// then the loop keeps ticking until the power stage's own <c>PS_Status</c> confirms its output off (exit 0) or the
/// config's timeout passes without it (exit 1). Decisions and the bus go to the logs the config names, written off
/// the loop thread.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the host configuration (controller/config/*.yaml)", Required = true };
        var duration = new Option<double>("--duration") { Description = "stop safely after this many seconds (0: at the target, Complete or a signal)", DefaultValueFactory = _ => 0 };
        var frames = new Option<FileInfo?>("--frames") { Description = "write the bus as a candump log here (overrides logs.frames)" };
        var decisions = new Option<FileInfo?>("--decisions") { Description = "write the decision log here (overrides logs.decisions)" };
        var command = new Command("run", "run the controller on its configured link until a safe stop") { config, duration, frames, decisions };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(duration), parse.GetValue(frames), parse.GetValue(decisions)));
        return command;
    }

    private static int Run(FileInfo configFile, double duration_s, FileInfo? framesFile, FileInfo? decisionsFile)
    {
        if (!(duration_s >= 0) || !double.IsFinite(duration_s))
        {
            return HostCli.Usage(string.Create(CultureInfo.InvariantCulture, $"--duration {duration_s}: seconds ≥ 0 (0: no limit)"));
        }

        HostInputs inputs;
        try
        {
            inputs = HostInputs.Load(configFile.FullName);
        }
        catch (HostInputException e)
        {
            return HostCli.Usage(e.Message);
        }

        Warmup.Run(inputs);
        var config = inputs.Config with
        {
            FramesLog = framesFile?.FullName ?? inputs.Config.FramesLog,
            DecisionsLog = decisionsFile?.FullName ?? inputs.Config.DecisionsLog,
        };
        ICanTransport transport;
        try
        {
            transport = config.Transport == LinkTransport.Udp
                ? new UdpCanTransport(config.Local, config.Remote)
                : OperatingSystem.IsLinux() ? new SocketCanTransport(config.Interface) : throw new CanTransportException("socketcan: SocketCAN is a Linux interface");
        }
        catch (CanTransportException e)
        {
            Console.Error.WriteLine($"chargetwin-controller: {e.Message}");
            return HostCli.Failed;
        }

        TextWriter? framesWriter = null, decisionsWriter = null;
        try
        {
            framesWriter = config.FramesLog is { } f ? new StreamWriter(f) : null;
            decisionsWriter = config.DecisionsLog is { } d ? new StreamWriter(d) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transport.Dispose();
            framesWriter?.Dispose();
            Console.Error.WriteLine($"chargetwin-controller: cannot write a log: {e.Message}");
            return HostCli.Failed;
        }

        var recorder = framesWriter is null ? null : new CandumpRecorder(config.Transport == LinkTransport.Udp ? "udp0" : config.Interface, 0, 8192);
        using var log = new DecisionLog(decisionsWriter);
        using var stack = new ControllerStack(config, inputs.Cell, inputs.Protocol, inputs.Table, transport, log, recorder);
        var drainer = new LogDrainer(log.Drain, () => recorder?.DrainTo(framesWriter!));
        var task = new HostTask(stack, config, duration_s);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Signal(c, task));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Signal(c, task));

        Console.WriteLine($"chargetwin-controller: {transport.Name}, cell {inputs.Cell.Name}, tick {config.TickNs / 1e6:0.###} ms, solver every {config.SolverDivisor} ticks");
        var loop = new PeriodicLoop(MonotonicClock.Instance, config.TickNs);
        task.Loop = loop;
        IReadOnlyList<RealtimeGrant> grants = [];
        var thread = new Thread(() =>
        {
            grants = RealtimeSetup.Apply(new RealtimeOptions(config.FifoPriority, config.LockMemory, config.Cpu is { } c ? [c] : null));
            loop.Run(task);
        })
        { Name = "control loop" };
        thread.Start();
        thread.Join();
        drainer.Dispose();
        framesWriter?.Dispose();

        foreach (var g in grants)
        {
            Console.WriteLine(g);
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"ran {task.LastNs / 1e9:0.00} s: {stack.Decisions} decisions, session {stack.Session.State}, verdict {stack.Link.Verdict.Reaction}{(stack.Link.Verdict.IsNominal ? "" : $" ({stack.Link.Verdict.DiagnosisId}: {stack.Link.Verdict.Cause})")}"));
        Console.WriteLine(string.Create(c, $"loop: {loop.Ticks} ticks, overruns {loop.Overruns}, skipped releases {loop.SkippedReleases}, longest tick {task.LongestTick.Ns / 1e6:0.000} ms at {task.LongestTick.At / 1e9:0.00} s; wake-up latency {loop.Latency.Summary()}"));
        Console.WriteLine(string.Create(c, $"link: {stack.Link.FramesSent} frames sent, {stack.Link.Supervisor.FramesAccepted} accepted, {stack.Link.Supervisor.FramesRejected} rejected; decision log {log.Written} rows, {log.Dropped} dropped{(recorder is null ? "" : $"; candump {recorder.Dropped} dropped")}"));
        Console.WriteLine(task.Outcome);
        return task.Confirmed ? HostCli.Ok : HostCli.Failed;
    }

    private static void Signal(PosixSignalContext context, HostTask task)
    {
        context.Cancel = true; // the loop stops the charge safely and exits on its own
        task.Request(context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM");
    }

    /// <summary>The loop's tick: the stack at charge time, the end conditions, and the safe stop until confirmed.</summary>
    private sealed class HostTask(ControllerStack stack, HostConfig config, double duration_s) : IPeriodicTask
    {
        private long _startNs = long.MinValue;
        private long _stopNs = long.MinValue;
        private volatile string? _requested;

        public PeriodicLoop? Loop { get; set; }

        public long LastNs { get; private set; }

        public bool Confirmed { get; private set; }

        public string Outcome { get; private set; } = "not stopped";

        /// <summary>The longest tick (wake-up to done) and the charge time it began at [ns].</summary>
        public (long Ns, long At) LongestTick { get; private set; }

        public void Request(string why) => _requested ??= why;

        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
            if (_startNs == long.MinValue)
            {
                _startNs = releaseNs;
            }

            var t = releaseNs - _startNs;
            LastNs = t;
            stack.Tick(t, Loop!.Overruns, Loop.SkippedReleases);
            var took = MonotonicClock.Instance.NowNs - nowNs;
            if (took > LongestTick.Ns)
            {
                LongestTick = (took, t);
            }

            StopWhenDue(t);
        }

        private void StopWhenDue(long t)
        {            if (_stopNs == long.MinValue)
            {
                var why = _requested
                    ?? (duration_s > 0 && t >= duration_s * 1e9 ? "duration reached" : null)
                    ?? (config.TargetSoc is { } target && stack.Session.StateOfCharge.Mean >= target ? "target SOC reached" : null)
                    ?? (stack.Session.State == SessionState.Complete ? "charge complete" : null);
                if (why is not null)
                {
                    stack.Link.Stop($"safe stop: {why}");
                    _stopNs = t;
                    Outcome = $"safe stop ({why})";
                }

                return;
            }

            if (stack.Link.StageStatus is { } status && status.State is PowerStageState.Standby or PowerStageState.Init or PowerStageState.Fault && Math.Abs(status.OutputCurrent_A) < 0.05)
            {
                Confirmed = true;
                Outcome += string.Create(CultureInfo.InvariantCulture, $": the power stage confirmed its output off {(t - _stopNs) / 1e6:0} ms after the stop ({status.State}, {status.OutputCurrent_A:0.000} A)");
                Loop!.Stop();
            }
            else if (t - _stopNs >= config.SafeStopTimeoutNs)
            {
                Outcome += string.Create(CultureInfo.InvariantCulture, $": NOT CONFIRMED — no PS_Status with the output off within {config.SafeStopTimeoutNs / 1e6:0} ms (last: {(stack.Link.StageStatus is { } s ? $"{s.State}, {s.OutputCurrent_A:0.000} A" : "none valid")})");
                Loop!.Stop();
            }
        }
    }
}
