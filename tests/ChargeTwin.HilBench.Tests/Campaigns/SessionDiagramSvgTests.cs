using System.Xml.Linq;
using ChargeTwin.Controller.Session;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Reporting;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>The session's state diagram in the campaign report: drawn from the configured machine, complete.</summary>
public sealed class SessionDiagramSvgTests
{
    [Fact]
    public void TheDiagram_IsWellFormedSvg_WithEveryStateAndOneArrowPerTransitionOfTheMachine()
    {
        var svg = XDocument.Parse(SessionDiagramSvg.Svg());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var state in Enum.GetValues<SessionState>())
        {
            Assert.Contains(state.ToString(), texts);
        }

        // The same transitions as the DOT export Stateless writes from the machine (one edge line each, besides the
        // initial state's unnamed arrow).
        var dotEdges = SessionDiagram.Dot().Split('\n').Count(l => l.StartsWith('"') && l.Contains(" -> ", StringComparison.Ordinal));
        Assert.Equal(dotEdges, SessionDiagramSvg.TransitionRows().Count);
        Assert.Equal(dotEdges, svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("marker-end") == "url(#arrow)"));
    }

    [Fact]
    public void TheReport_ShowsTheSession_WhenATwinRanInIt_AndNotOtherwise()
    {
        const string Twin = """
            name: session
            seed: 3
            period: 1 s
            time_limit: 20 s
            plant: {volumes: 6, shells: 6}
            ambient: 25 °C
            start_soc: 20 %
            target_soc: 80 %
            charger: {max_current: 3C, max_voltage: 4.2 V, slew: 15 A/s}
            controllers:
              twin: {type: twin}
            """;
        var dir = CampaignFiles.Temp("session");
        var file = CampaignFiles.Write(dir, "twin.yaml", Twin);
        var output = Path.Combine(dir, "report");
        CampaignExecution.Run(CampaignLoader.Load(file), dir, output, new CampaignRunOptions(1));
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("<h2>Charging session</h2>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"session-diagram\"", html, StringComparison.Ordinal);
        Assert.Equal(SessionDiagramSvg.TransitionRows().Count + 1, System.Text.RegularExpressions.Regex.Count(html[html.IndexOf("session-transitions", StringComparison.Ordinal)..html.IndexOf("</table>", html.IndexOf("session-transitions", StringComparison.Ordinal), StringComparison.Ordinal)], "<tr>"));

        var noTwin = CampaignFiles.Write(dir, "cccv.yaml", Twin.Replace("twin: {type: twin}", "cccv: {type: cccv, steps: [\"Charge at 1C until 4.2 V\"]}", StringComparison.Ordinal));
        var plain = Path.Combine(dir, "plain");
        CampaignExecution.Run(CampaignLoader.Load(noTwin), dir, plain, new CampaignRunOptions(1));
        Assert.DoesNotContain("session-diagram", File.ReadAllText(Path.Combine(plain, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTransitionRows_CarryTheGuardsTheMachineDescribes()
    {
        var rows = SessionDiagramSvg.TransitionRows();
        var taper = Assert.Single(rows, r => r.From == SessionState.FastCharge && r.To == SessionState.Taper);
        Assert.Equal("NearVoltageLimit", taper.Trigger);
        Assert.Contains("4.15 V", taper.Guard, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.From == SessionState.EmergencyStop && r.To == SessionState.Idle && r.Trigger == "Reset");
    }
}
