using ChargeTwin.Cells;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Link;

/// <summary><c>type: external</c>: read strictly, and refused by a simulated run (it runs only in real-time HIL).</summary>
public sealed class ExternalControllerSpecTests
{
    private const string Campaign = """
        name: ext
        seed: 1
        time_limit: 10 s
        plant: {volumes: 6, shells: 6}
        ambient: 25 °C
        start_soc: 20 %
        target_soc: 80 %
        charger: {max_current: 3C, max_voltage: 4.2 V, slew: 15 A/s}
        controllers:
          device: {type: external}
        report: {plots: none, traces: false}
        """;

    [Fact]
    public void External_IsAControllerOfItsOwnType_WithNothingElseToSay()
    {
        var campaign = CampaignLoader.Parse(Campaign, "ext.yaml", ".");
        var spec = Assert.IsType<ExternalControllerSpec>(Assert.Single(campaign.Controllers));
        Assert.Equal(("device", "external"), (spec.Name, spec.Type));
        var e = Assert.Throws<CampaignException>(() => CampaignLoader.Parse(Campaign.Replace("{type: external}", "{type: external, address: x}", StringComparison.Ordinal), "ext.yaml", "."));
        Assert.Equal("controllers.device.address", e.Field);
    }

    [Fact]
    public void ASimulatedRun_OfAnExternalController_EndsInErrorNamingTheHilCommand()
    {
        var campaign = CampaignLoader.Parse(Campaign, "ext.yaml", ".");
        var result = new ScenarioRunner(campaign, CellLibrary.Load).Run(ScenarioMatrix.Expand(campaign)[0]);
        Assert.Equal(ScenarioEnd.Error, result.End);
        Assert.Contains("an external controller runs only in real-time HIL (chargetwin-bench hil --controller udp://HOST:PORT)", result.Detail, StringComparison.Ordinal);
        Assert.Null(result.RealTime);
    }
}
