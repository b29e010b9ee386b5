using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Faults;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Expands a campaign's matrix into scenarios and selects shards.</summary>
public static class ScenarioMatrix
{
    /// <summary>
    /// Scenarios in matrix order: cells × spread draws × ageing × ambient × start SOC × target SOC × discharge × sensors ×
    /// faults × controllers (controllers innermost, so that the runs of one condition sit together). A quantity the spread
    /// draws is an axis of one, its drawn value; without a <c>spread:</c> section there is one "draw" that draws nothing.
    /// </summary>
    public static IReadOnlyList<Scenario> Expand(Campaign c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var list = new List<Scenario>();
        var bench = string.Create(CultureInfo.InvariantCulture, $"plant:{c.Plant.Canonical()};period={c.Period_s:R};limit={c.TimeLimit_s:R};charger:{c.Charger.Canonical()}")
            + (double.IsPositiveInfinity(c.StopAfterFault_s) ? "" : string.Create(CultureInfo.InvariantCulture, $";stopAfterFault={c.StopAfterFault_s:R}"));
        foreach (var cell in c.Cells)
        {
            foreach (var draw in Draws(c, cell))
            {
                foreach (var condition in Conditions(c, draw))
                {
                    var text = condition.Canonical(bench, cell);
                    var conditionId = StableHash.Hex(text);

                    // Common random numbers: every controller of a condition sees the same noise and faults, on
                    // either link (the link is part of the scenario's id, not of its conditions).
                    var seed = StableHash.UInt64(string.Create(CultureInfo.InvariantCulture, $"{c.Seed}/{conditionId}"));
                    foreach (var controller in c.Controllers)
                    {
                        var id = StableHash.Hex($"{text};link={c.Link};controller={controller.Name}:{controller.Canonical()}");
                        list.Add(new Scenario(list.Count, id, conditionId, seed, cell, condition.Ageing, condition.Ambient_K, condition.StartSoc, condition.TargetSoc, condition.Discharge, condition.Sensors, controller)
                        {
                            Draw = draw,
                            Faults = condition.Faults,
                        });
                    }
                }
            }
        }

        return list;
    }

    /// <summary>Scenario i belongs to shard i mod N.</summary>
    public static bool InShard(int index, int shard, int shardCount) => index % shardCount == shard;

    /// <summary>The spread's draws for a cell, or the one condition without a draw.</summary>
    private static IReadOnlyList<SpreadDraw?> Draws(Campaign c, string cell)
    {
        if (c.Spread is not { } spread)
        {
            return [null];
        }

        return new SpreadSampler(spread, c.Seed, CellLibrary.Load(cell)).All();
    }

    /// <summary>The conditions of one draw, the matrix's axes with the drawn quantities in their place.</summary>
    private static IEnumerable<Condition> Conditions(Campaign c, SpreadDraw? draw) =>
        from ageing in draw?.Ageing is { } a ? [a] : c.Ageing
        from ambient in draw?.Ambient_K is { } t ? [t] : c.Ambients_K
        from start in draw?.StartSoc is { } s ? [s] : c.StartSocs
        from target in c.TargetSocs
        from discharge in c.Discharges
        from sensors in c.Sensors
        from faults in c.FaultSets
        select new Condition(ageing, ambient, start, target, discharge, draw?.Sensors(sensors) ?? sensors, faults, draw);

    private sealed record Condition(NamedAgeing Ageing, double Ambient_K, double StartSoc, double TargetSoc, DischargeSpec Discharge, SensorSuite Sensors, FaultSet Faults, SpreadDraw? Draw)
    {
        /// <summary>Every expanded parameter of the condition; a draw adds only what the other parts do not hold (its cell parameters).</summary>
        public string Canonical(string bench, string cell) => string.Create(CultureInfo.InvariantCulture,
            $"{bench};cell={Path.GetFileNameWithoutExtension(cell)};ageing:{Ageing.Canonical()};T={Ambient_K:R};soc0={StartSoc:R};soc1={TargetSoc:R};discharge:{Discharge.Canonical()};sensors:{Sensors.Canonical()}{Faults.Canonical()}{(Draw is null ? "" : ";draw:" + Draw.Canonical())}");
    }
}
