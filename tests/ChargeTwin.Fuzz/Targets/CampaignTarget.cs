using System.Text;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>Campaign YAML (everything <see cref="CampaignLoader"/> calls: charger, controllers, limits, matrix, sensors, faults, spread, drive cycles), then the scenario matrix.</summary>
internal static class CampaignTarget
{
    public const string File = "fuzz.yaml";

    /// <summary>The scenario matrix is expanded only below this many scenarios; the count itself is checked for every campaign.</summary>
    private const long ExpandAtMost = 20_000;

    public static string Run(ReadOnlySpan<byte> data)
    {
        Campaign campaign;
        try
        {
            campaign = CampaignLoader.Parse(Encoding.UTF8.GetString(data), File, Scratch.Folder);
        }
        catch (CampaignException e)
        {
            return Outcome.Refused(e, File, Scratch.Folder);
        }

        var count = (long)campaign.Cells.Count * campaign.Ageing.Count * campaign.Ambients_K.Count * campaign.StartSocs.Count
            * campaign.TargetSocs.Count * campaign.Discharges.Count * campaign.Sensors.Count * campaign.FaultSets.Count * campaign.Controllers.Count;
        if (count <= ExpandAtMost)
        {
            var scenarios = ScenarioMatrix.Expand(campaign);
            return Outcome.Ok($"campaign '{campaign.Name}', {scenarios.Count} scenarios");
        }

        return Outcome.Ok($"campaign '{campaign.Name}', about {count} scenarios (not expanded)");
    }
}
