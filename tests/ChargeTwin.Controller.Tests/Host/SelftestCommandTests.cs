using System.Diagnostics;
using ChargeTwin.Cells;
using ChargeTwin.ControllerHost.Wiring;

namespace ChargeTwin.Controller.Tests.Host;

public sealed class SelftestCommandTests
{
    /// <summary>As its own process: the whole-charge check counts the process's garbage collections.</summary>
    [Fact]
    public void Selftest_PassesOnThisMachine_ClosingTheLoopWithTheTwinTheSessionAndTheMonitor()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chargetwin-controller.dll"));
        info.ArgumentList.Add("selftest");
        info.ArgumentList.Add("--whole-charge");
        using var selftest = Process.Start(info)!;
        var output = selftest.StandardOutput.ReadToEnd() + selftest.StandardError.ReadToEnd();
        selftest.WaitForExit();

        Assert.True(selftest.ExitCode == 0, output);
        Assert.Contains("ok    a whole fast charge from 10 % to complete: no garbage collection", output, StringComparison.Ordinal);
        Assert.Contains(": 0 collections,", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The million ticks: the full controller (twin in the session, monitor in the link, decision log) against
    /// the loopback charger, 10,000 s of 10 ms ticks — a charge from 10 % to complete and the hours after it. Every tick
    /// in which the session neither changed state nor met a reason text for the first time allocates nothing.
    /// </summary>
    [Fact]
    public void FullController_OverAMillionTicks_AllocatesNothingInSteadyState()
    {
        using var bus = new LoopbackBus(CellLibrary.Load("lgm50"), startSoc: 0.1);
        bus.Run(6_000); // the first minute: start-up, precheck, ramp
        long steady = 0, excluded = 0, allocatedInSteadyState = 0;
        var transitions = bus.Stack.Session.Transitions.Count;
        var reasons = new HashSet<string>(StringComparer.Ordinal) { bus.Stack.Link.Setpoint.Reason };
        for (var k = 0; k < 1_000_000; k++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            bus.Run(1);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var changed = bus.Stack.Session.Transitions.Count != transitions;
            transitions = bus.Stack.Session.Transitions.Count;
            if (changed | reasons.Add(bus.Stack.Link.Setpoint.Reason))
            {
                excluded++;
                continue;
            }

            steady++;
            allocatedInSteadyState += allocated;
        }

        Assert.Equal(0, allocatedInSteadyState);
        Assert.True(excluded < 100, $"{excluded} ticks changed the session's state or reason");
        Assert.True(bus.Stack.Decisions >= 9_900, $"{bus.Stack.Decisions} decisions");
    }
}
