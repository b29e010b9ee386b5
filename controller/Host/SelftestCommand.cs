using System.CommandLine;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using ChargeTwin.ControllerHost.Wiring;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.RtCore.Clocks;

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
    public static Command Create()
    {
        var wholeCharge = new Option<bool>("--whole-charge") { Description = "also run a whole fast charge (64 simulated minutes) and count garbage collections" };
        var command = new Command("selftest", "check the host's clock, files and the closed loop on a loopback charger") { wholeCharge };
        command.SetAction(parse => Run(parse.GetValue(wholeCharge)));
        return command;
    }

    private static int Run(bool wholeCharge)
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
            if (wholeCharge)
            {
                Check("a whole fast charge from 10 % to complete: no garbage collection, nothing allocated but by its transitions", () => WholeCharge(cell));
            }
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
        using var bus = new LoopbackBus(cell, startSoc: 0.2);
        var (stack, charger) = (bus.Stack, bus.Charger);
        bus.Run(6_000); // 60 s: precheck, ramp, fast charge

        if (stack.Session.State != SessionState.FastCharge || !(charger.Delivered_A > 1))
        {
            var monitor = stack.Monitor;
            return System.FormattableString.Invariant($"after 60 s the session is {stack.Session.State} at {charger.Delivered_A:0.00} A ({stack.Link.Setpoint.Reason}); T {monitor.SignalValue(DiagnosisSignal.SurfaceTemperature) - 273.15:0.0} °C, dT/dt {monitor.SignalValue(DiagnosisSignal.TemperatureRate) * 60:0.00} K/min, dP/dt {monitor.SignalValue(DiagnosisSignal.PressureRate) * 60 / 1e3:0.0} kPa/min, V {monitor.SignalValue(DiagnosisSignal.CellVoltage):0.000} V");
        }

        if (!overVoltage)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            bus.Run(6_000);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return !stack.Link.Verdict.IsNominal ? $"the monitor says {stack.Link.Verdict.Cause}"
                : allocated != 0 ? $"{allocated} B allocated over 6,000 ticks"
                : null;
        }

        charger.VoltageOffset_V = 0.8; // a 3.5–4.2 V cell now reads 4.3–5.0 V
        var onset = bus.NowNs;
        var row = DiagnosisTable.Default.Rows[DiagnosisTable.Default.IndexOf("SM-02")];
        bus.Run((int)(row.FttiNs / LoopbackBus.TickNs));
        return charger.Delivered_A == 0 && stack.Link.Verdict.Reaction == SafetyReaction.EmergencyStop
            ? null
            : $"{(bus.NowNs - onset) / 1e6:0} ms after the onset: {charger.Delivered_A:0.00} A, verdict {stack.Link.Verdict.Reaction} ({stack.Link.Verdict.Cause})";
    }

    /// <summary>
    /// A whole fast charge from 10 % until the session completes, after its first minute: no garbage collection of any
    /// generation, and on the loop thread nothing allocated but at the session's few transitions (Stateless allocates
    /// about 1.2 kB per fired trigger, the session fires only on change, and a reason text seen for the first time is
    /// cached: measured 2.8 kB at FastCharge → Taper, 2.3 kB at Taper → Complete, 144 B and 112 B for two new reasons,
    /// nothing on any other tick). Bounded at 4 kB per transition: anything per tick would be megabytes. In this
    /// process alone (selftest is its own process), so that the collection count is the loop's own.
    /// </summary>
    private static string? WholeCharge(ParameterSet cell)
    {
        using var bus = new LoopbackBus(cell, startSoc: 0.1);
        bus.Run(6_000);
        var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var transitions = bus.Stack.Session.Transitions.Count;
        var ticks = 6_000;
        while (bus.Stack.Session.State != SessionState.Complete && ticks < 720_000)
        {
            bus.Run(1_000);
            ticks += 1_000;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;
        transitions = bus.Stack.Session.Transitions.Count - transitions;
        Console.WriteLine(System.FormattableString.Invariant($"      {ticks / 100.0 / 60:0.0} min to complete, SOC {bus.Charger.StateOfCharge:0.000}: {gcs} collections, {allocated} B on the loop thread over {transitions} session transitions"));
        return bus.Stack.Session.State != SessionState.Complete ? System.FormattableString.Invariant($"not complete after {ticks / 100 / 60} min: {bus.Stack.Session.State}, SOC {bus.Charger.StateOfCharge:0.000}")
            : gcs != 0 ? $"{gcs} garbage collections during the charge"
            : allocated > 4096 * (transitions + 1) ? $"{allocated} B allocated on the loop thread over {transitions} session transitions (more than 4 kB each)"
            : null;
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
}
