using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.HilBench.Link;

/// <summary>The protocol the bench speaks on the CAN link: the DBC shipped beside the program, parsed once.</summary>
public static class BenchProtocol
{
    private static readonly Lazy<DbcDatabase> s_database = new(() => DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath));

    /// <summary>firmware-interface/can-protocol/chargetwin.dbc as built beside the bench.</summary>
    public static DbcDatabase Database => s_database.Value;

    /// <summary>
    /// The link's tick [ns]: the greatest common divisor of every message's cycle time (10 ms for the shipped DBC), so
    /// every frame is sent on its own cycle and every receiver is supervised at the rate of the fastest message.
    /// </summary>
    public static long TickNs(ChargerProtocol protocol)
    {
        long tick = 0;
        foreach (var m in protocol.Database.Messages)
        {
            if (protocol.E2E.For(m) is { } e2e)
            {
                tick = Gcd(tick, e2e.CycleTimeMs * 1_000_000L);
            }
        }

        return tick;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
