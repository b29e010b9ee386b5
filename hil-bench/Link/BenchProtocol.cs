using System.Globalization;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.HilBench.Link;

/// <summary>The protocol the bench speaks on the CAN link: the DBC shipped beside the program, parsed once.</summary>
public static class BenchProtocol
{
    private static readonly Lazy<DbcDatabase> s_database = new(() => DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath));

    /// <summary>firmware-interface/can-protocol/chargetwin.dbc as built beside the bench.</summary>
    public static DbcDatabase Database => s_database.Value;

    private static readonly Lazy<long> s_tickNs = new(() =>
    {
        var e2e = E2EConfiguration.FromDatabase(Database);
        long tick = 0;
        foreach (var m in Database.Messages)
        {
            if (e2e.For(m) is { } config)
            {
                tick = Gcd(tick, config.CycleTimeMs * 1_000_000L);
            }
        }

        return tick;
    });

    /// <summary>
    /// The link's tick [ns]: the greatest common divisor of every message's cycle time (10 ms for the shipped DBC), so
    /// every frame is sent on its own cycle and every receiver is supervised at the rate of the fastest message.
    /// </summary>
    public static long TickNs => s_tickNs.Value;

    /// <summary>Control periods of the CAN link: ticks per period, or null when the period is not a whole number of ticks.</summary>
    public static int? TicksPerPeriod(double period_s)
    {
        var periodNs = (long)Math.Round(period_s * 1e9);
        return periodNs > 0 && periodNs % TickNs == 0 ? (int)(periodNs / TickNs) : null;
    }

    /// <summary>Why a period does not suit the CAN link, in words.</summary>
    public static string NotWholeTicks(double period_s) => string.Create(CultureInfo.InvariantCulture,
        $"{period_s:0.####} s is not a whole number of the CAN link's {TickNs / 1e6:0.###} ms tick");

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
