using System.Globalization;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Expands a campaign's matrix into scenarios and selects shards.</summary>
public static class ScenarioMatrix
{
    /// <summary>
    /// Scenarios in matrix order: cells × ageing × ambient × start SOC × target SOC × discharge × sensors × controllers
    /// (controllers innermost, so that the runs of one condition sit together).
    /// </summary>
    public static IReadOnlyList<Scenario> Expand(Campaign c)
    {
        var list = new List<Scenario>();
        var bench = string.Create(CultureInfo.InvariantCulture, $"plant:{c.Plant.Canonical()};period={c.Period_s:R};limit={c.TimeLimit_s:R};charger:{c.Charger.Canonical()}");
        foreach (var cell in c.Cells)
        {
            foreach (var ageing in c.Ageing)
            {
                foreach (var ambient in c.Ambients_K)
                {
                    foreach (var start in c.StartSocs)
                    {
                        foreach (var target in c.TargetSocs)
                        {
                            foreach (var discharge in c.Discharges)
                            {
                                foreach (var sensors in c.Sensors)
                                {
                                    var condition = string.Create(CultureInfo.InvariantCulture,
                                        $"{bench};cell={Path.GetFileNameWithoutExtension(cell)};ageing:{ageing.Canonical()};T={ambient:R};soc0={start:R};soc1={target:R};discharge:{discharge.Canonical()};sensors:{sensors.Canonical()}");
                                    var conditionId = StableHash.Hex(condition);

                                    // Common random numbers: every controller of a condition sees the same noise and faults, on
                                    // either link (the link is part of the scenario's id, not of its conditions).
                                    var seed = StableHash.UInt64(string.Create(CultureInfo.InvariantCulture, $"{c.Seed}/{conditionId}"));
                                    foreach (var controller in c.Controllers)
                                    {
                                        var id = StableHash.Hex($"{condition};link={c.Link};controller={controller.Name}:{controller.Canonical()}");
                                        list.Add(new Scenario(list.Count, id, conditionId, seed, cell, ageing, ambient, start, target, discharge, sensors, controller));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        return list;
    }

    /// <summary>Scenario i belongs to shard i mod N.</summary>
    public static bool InShard(int index, int shard, int shardCount) => index % shardCount == shard;
}
