using Stateless.Graph;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The session's machine as Mermaid and Graphviz DOT, written by Stateless from the configured machine (states,
/// triggers, guard descriptions, entry actions): what controller/Session/README.md and charging-session.dot hold.
/// </summary>
public static class SessionDiagram
{
    public static string Mermaid(SessionLimits? limits = null) =>
        MermaidGraph.Format(new ChargingSession(limits ?? new SessionLimits()).Info).ReplaceLineEndings("\n");

    public static string Dot(SessionLimits? limits = null) =>
        UmlDotGraph.Format(new ChargingSession(limits ?? new SessionLimits()).Info).ReplaceLineEndings("\n");
}
