using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using Stateless;
using Xunit.Abstractions;
using static ChargeTwin.Controller.Tests.Session.Observations;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>
/// Stateless allocates on every Fire, so the session fires only on change; these tests measure both (the numbers are
/// in controller/Session/README.md: dotnet test tests/ChargeTwin.Controller.Tests -c Release --filter "FullyQualifiedName~SessionAllocation" --logger "console;verbosity=detailed").
/// </summary>
public sealed class SessionAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void StatelessFire_Allocates_WhichIsWhyTheSessionFiresOnlyOnChange()
    {
        var state = 0;
        var machine = new StateMachine<int, int>(() => state, s => state = s, FiringMode.Immediate);
        machine.Configure(0).Permit(1, 1).Ignore(2);
        machine.Configure(1).Permit(1, 0).Ignore(2);
        machine.Fire(1);
        machine.Fire(2);

        var transition = Measure(() => machine.Fire(1), 1000);
        var ignored = Measure(() => machine.Fire(2), 1000);

        output.WriteLine($"Stateless Fire: {transition:0} B per transition, {ignored:0} B per ignored trigger");
        Assert.True(transition > 0 && ignored > 0, "Stateless no longer allocates per Fire: firing only on change is no longer needed");
    }

    [Fact]
    public void SteadyFastCharge_100000Periods_AllocateNothing()
    {
        var (controller, _) = Started();
        Run(controller, 0, 1000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(controller, 1000, 100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"100,000 FastCharge periods: {allocated} B");
        Assert.Equal(SessionState.FastCharge, controller.State);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void SteadyDerated_And_SteadyTaper_AllocateNothing()
    {
        var (controller, _) = Started();
        controller.Verdict = Verdict(SafetyReaction.Derate, 2);
        Run(controller, 0, 100);
        Assert.Equal(SessionState.Derated, controller.State);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(controller, 100, 10_000);
        var derated = GC.GetAllocatedBytesForCurrentThread() - before;

        controller.Verdict = SafetyVerdict.Nominal;
        Run(controller, 10_000, 10_100, voltage_V: 4.16);
        Assert.Equal(SessionState.Taper, controller.State);
        before = GC.GetAllocatedBytesForCurrentThread();
        Run(controller, 10_100, 20_000, voltage_V: 4.16);
        var taper = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, derated);
        Assert.Equal(0, taper);
    }

    [Fact]
    public void ATransition_Allocates_AndIsMeasured()
    {
        var (controller, _) = Started();
        var derate = Verdict(SafetyReaction.Derate, 2);
        var t = 0.0;
        // Warm up both transitions and both reasons.
        for (var i = 0; i < 10; i++)
        {
            Toggle();
        }

        var perRoundTrip = Measure(Toggle, 1000);

        output.WriteLine($"FastCharge → Derated → FastCharge in the session: {perRoundTrip:0} B per round trip ({perRoundTrip / 2:0} B per transition)");
        Assert.True(perRoundTrip > 0);

        void Toggle()
        {
            controller.Verdict = derate;
            controller.Step(Sample(t), t++);
            controller.Verdict = SafetyVerdict.Nominal;
            controller.Step(Sample(t), t++);
        }
    }

    private static (SessionController Controller, FakeInnerController Inner) Started()
    {
        var inner = new FakeInnerController();
        var controller = new SessionController(inner);
        controller.Start();
        return (controller, inner);
    }

    private static void Run(SessionController controller, int from, int to, double voltage_V = 3.8)
    {
        for (var k = from; k < to; k++)
        {
            controller.Step(Sample(k, voltage_V), k);
        }
    }

    private static double Measure(Action action, int times)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < times; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)times;
    }
}
