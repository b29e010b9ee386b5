using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>
/// Before the charge, the whole stack runs a few control periods on the virtual clock against a loopback charger in
/// memory (its own stack, its own protocol counters, nothing shared with the real one), so that every path of a
/// decision is compiled before the real-time loop's first deadline. Without it a JIT build's first decisions overran
/// the 10 ms tick and the monitor's deadline row (SM-37) stopped the charge 0.67 s after the start
/// (RunCommandTests' first run). A NativeAOT build has nothing to compile; there it only touches the pages.
/// </summary>
public static class Warmup
{
    /// <summary>Runs <paramref name="decisions"/> control periods; returns the ticks taken.</summary>
    public static int Run(HostInputs inputs, int decisions = 3)
    {
        var config = inputs.Config;
        var (controllerEnd, chargerEnd) = InMemoryCanTransport.CreatePair(4096);
        var charger = new LoopbackCharger(new ChargerProtocol(inputs.Protocol.Database), new ChargerProtocol(inputs.Protocol.Database), chargerEnd, inputs.Cell, config.InitialSoc, 298.15);
        using var log = new DecisionLog(null);
        using var stack = new ControllerStack(config, inputs.Cell, new ChargerProtocol(inputs.Protocol.Database), inputs.Table, controllerEnd, log);
        var ticks = (decisions * config.SolverDivisor) + 1;
        for (var k = 0; k < ticks; k++)
        {
            var t = k * config.TickNs;
            charger.Tick(t);
            stack.Tick(t);
            log.Drain();
        }

        chargerEnd.Dispose();
        return ticks;
    }
}
