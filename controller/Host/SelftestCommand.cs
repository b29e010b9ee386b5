using System.CommandLine;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Link;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using ChargeTwin.Controller.Twin;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;

namespace ChargeTwin.ControllerHost;

/// <summary>
/// <c>selftest</c>: what the host needs is there and works on this machine (and under emulation for ARM64) — the
/// monotonic clock, the runtime's suspension of threads for a collection, the protocol file beside the binary, the
/// embedded diagnosis table and cell file, and the whole controller (twin inside the session, the monitor in the link)
/// closing the loop over an in-memory CAN bus with a loopback charger at 10 ms ticks on the virtual clock: it charges,
/// stays nominal, allocates nothing in steady state, and a forced over-voltage turns the output off within its row's
/// FTTI. The closed loop never reads the wall clock, so an emulator's speed cannot change its verdicts. One line per
/// check; exit 0 when all pass.
/// </summary>
public static class SelftestCommand
{
    private const long Tick_ns = 10_000_000L;

    public static Command Create()
    {
        var command = new Command("selftest", "check the host's clock, files and the closed loop on a loopback charger");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        var failures = 0;
        void Check(string what, Func<string?> body)
        {
            string? problem;
            try
            {
                problem = body();
            }
            catch (Exception e)
            {
                problem = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            }

            Console.WriteLine(problem is null ? $"ok    {what}" : $"FAIL  {what}: {problem}");
            failures += problem is null ? 0 : 1;
        }

        Check("monotonic clock sleeps to an absolute deadline", () =>
        {
            var clock = MonotonicClock.Instance;
            var deadline = clock.NowNs + 2_000_000;
            clock.SleepUntil(deadline);
            var woke = clock.NowNs;
            return woke >= deadline ? null : $"woke {deadline - woke} ns early";
        });
        Check("the runtime stops a spinning thread for a blocking collection", CollectsWhileAThreadSpins);
        ChargerProtocol? protocol = null;
        Check($"protocol {ChargerProtocol.DefaultDbcPath}", () =>
        {
            protocol = ChargerProtocol.LoadDefault();
            return null;
        });
        Check("diagnosis table (embedded)", () => DiagnosisTable.Default.Rows.Count > 0 ? null : "no rows");
        ParameterSet? cell = null;
        Check("cell file lgm50 (embedded)", () =>
        {
            cell = CellLibrary.Load("lgm50");
            return null;
        });
        if (protocol is not null && cell is not null)
        {
            Check("closed loop: the twin charges in the session, the monitor stays nominal, 0 B per tick", () => ClosedLoop(cell, overVoltage: false));
            Check("closed loop: a forced over-voltage turns the output off within SM-02's FTTI", () => ClosedLoop(cell, overVoltage: true));
        }

        Console.WriteLine(failures == 0 ? "selftest passed" : $"selftest failed: {failures} check(s)");
        return failures == 0 ? HostCli.Ok : HostCli.Failed;
    }

    /// <summary>
    /// A full collection suspends every managed thread, here one spinning without a call or an allocation: the runtime
    /// reaches it by signal and flushes the other cores' write buffers with membarrier(2). Where either is missing (an
    /// emulator, a seccomp profile that blocks membarrier) this is where the runtime hangs, so the check names it.
    /// </summary>
    private static string? CollectsWhileAThreadSpins()
    {
        var spinner = new Spinner();
        var thread = new Thread(spinner.Run) { IsBackground = true, Name = "selftest spinner" };
        thread.Start();
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref spinner.Turns) > 0, TimeSpan.FromSeconds(10)))
        {
            return "the spinning thread did not start";
        }

        var before = GC.CollectionCount(2);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }

        var collections = GC.CollectionCount(2) - before;
        var turns = Volatile.Read(ref spinner.Turns);
        var resumed = SpinWait.SpinUntil(() => Volatile.Read(ref spinner.Turns) > turns, TimeSpan.FromSeconds(10));
        Volatile.Write(ref spinner.Stop, true);
        return collections < 3 ? $"{collections} of 3 full collections counted"
            : !resumed ? "the spinning thread did not resume after the collections"
            : !thread.Join(TimeSpan.FromSeconds(10)) ? "the spinning thread did not stop"
            : null;
    }

    private static string? ClosedLoop(ParameterSet cell, bool overVoltage)
    {
        const double startSoc = 0.2, ambient_K = 298.15;
        var (controllerEnd, chargerEnd) = InMemoryCanTransport.CreatePair(4096);
        var twin = new TwinController(new TwinSpec("twin"), new ControllerContext(5, 15, 4.2, 1, startSoc, 0.02), cell);
        var monitor = new SafetyMonitor();
        var session = new SessionController(twin, monitor: monitor);
        var link = new ChargerLink(ChargerProtocol.LoadDefault(), controllerEnd, session, new ChargerLinkOptions(1_000_000_000L, 15), monitor);
        var charger = new LoopbackCharger(ChargerProtocol.LoadDefault(), ChargerProtocol.LoadDefault(), chargerEnd, cell, startSoc, ambient_K);
        var clock = new VirtualClock();
        var task = new Bus(link, charger);
        var loop = new PeriodicLoop(clock, Tick_ns);
        link.Start(clock.NowNs);
        session.Start();
        loop.Run(task, 6_000); // 60 s: precheck, ramp, fast charge

        if (session.State != SessionState.FastCharge || !(charger.Delivered_A > 1))
        {
            return System.FormattableString.Invariant($"after 60 s the session is {session.State} at {charger.Delivered_A:0.00} A ({link.Setpoint.Reason}); T {monitor.SignalValue(DiagnosisSignal.SurfaceTemperature) - 273.15:0.0} °C, dT/dt {monitor.SignalValue(DiagnosisSignal.TemperatureRate) * 60:0.00} K/min, dP/dt {monitor.SignalValue(DiagnosisSignal.PressureRate) * 60 / 1e3:0.0} kPa/min, V {monitor.SignalValue(DiagnosisSignal.CellVoltage):0.000} V");
        }

        if (!overVoltage)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            loop.Run(task, 6_000);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return !link.Verdict.IsNominal ? $"the monitor says {link.Verdict.Cause}"
                : allocated != 0 ? $"{allocated} B allocated over 6,000 ticks"
                : loop.Overruns != 0 ? $"{loop.Overruns} overruns on the virtual clock"
                : null;
        }

        charger.VoltageOffset_V = 0.8; // a 3.5–4.2 V cell now reads 4.3–5.0 V
        var onset = clock.NowNs;
        var row = DiagnosisTable.Default.Rows[DiagnosisTable.Default.IndexOf("SM-02")];
        loop.Run(task, (int)(row.FttiNs / Tick_ns));
        return charger.Delivered_A == 0 && link.Verdict.Reaction == SafetyReaction.EmergencyStop
            ? null
            : $"{(clock.NowNs - onset) / 1e6:0} ms after the onset: {charger.Delivered_A:0.00} A, verdict {link.Verdict.Reaction} ({link.Verdict.Cause})";
    }

    /// <summary>A thread that counts without calling or allocating until told to stop.</summary>
    private sealed class Spinner
    {
        public long Turns;
        public bool Stop;

        public void Run()
        {
            while (!Volatile.Read(ref Stop))
            {
                Volatile.Write(ref Turns, Turns + 1);
            }
        }
    }

    /// <summary>One bus tick: the charger end, then the controller's link.</summary>
    private sealed class Bus(ChargerLink link, LoopbackCharger charger) : IPeriodicTask
    {
        public void Tick(long nowNs, long releaseNs, long deadlineNs)
        {
            charger.Tick(releaseNs);
            link.Tick(releaseNs);
        }
    }
}
