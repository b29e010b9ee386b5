using System.Globalization;
using System.Net;
using System.Text;
using ChargeTwin.Controller.Session;
using Stateless.Reflection;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// The charging session's state machine as an inline SVG for the campaign report (no script, no external renderer):
/// the states and every transition are read from the configured machine (Stateless' reflection, the same source as
/// controller/Session/charging-session.dot); only the states' places are laid out here, by hand, in the flow of a
/// charge. Edges carry their trigger; the guards are in the table beside it (<see cref="TransitionRows"/>).
/// </summary>
public static class SessionDiagramSvg
{
    private const double BoxWidth = 150, BoxHeight = 40, ColumnStep = 190, RowStep = 120, Margin = 30;

    /// <summary>Each state's place (column, row) in the drawing; the Charging superstate is drawn around its substates.</summary>
    private static readonly Dictionary<SessionState, (double Column, double Row)> s_place = new()
    {
        [SessionState.Idle] = (0, 1),
        [SessionState.Precheck] = (1, 1),
        [SessionState.Preconditioning] = (2, 0.3),
        [SessionState.FastCharge] = (3, 1),
        [SessionState.Taper] = (4, 1),
        [SessionState.Complete] = (5, 0.3),
        [SessionState.PlatingRecovery] = (3, 2.2),
        [SessionState.Derated] = (4, 2.2),
        [SessionState.Fault] = (1.5, 3.4),
        [SessionState.EmergencyStop] = (0, 3.4),
    };

    /// <summary>One transition as the table lists it.</summary>
    public sealed record Transition(SessionState From, string Trigger, string Guard, SessionState To);

    /// <summary>Every fixed transition of the configured machine, superstate transitions under the superstate's name.</summary>
    public static IReadOnlyList<Transition> TransitionRows(SessionLimits? limits = null)
    {
        var rows = new List<Transition>();
        foreach (var state in new ChargingSession(limits ?? new SessionLimits()).Info.States)
        {
            foreach (var t in state.FixedTransitions)
            {
                var guard = string.Join("; ", t.GuardConditionsMethodDescriptions.Select(g => g.Description));
                rows.Add(new Transition((SessionState)state.UnderlyingState, t.Trigger.UnderlyingTrigger.ToString() ?? "", guard, (SessionState)t.DestinationState.UnderlyingState));
            }
        }

        return rows;
    }

    /// <summary>The SVG element; throws when the machine has a state this layout does not place (a new state needs a place).</summary>
    public static string Svg(SessionLimits? limits = null)
    {
        var info = new ChargingSession(limits ?? new SessionLimits()).Info;
        var states = info.States.Select(s => (SessionState)s.UnderlyingState).ToList();
        var unplaced = states.Where(s => s != SessionState.Charging && !s_place.ContainsKey(s)).ToList();
        if (unplaced.Count > 0)
        {
            throw new InvalidOperationException($"the session diagram has no place for {string.Join(", ", unplaced)}");
        }

        var width = (2 * Margin) + (5 * ColumnStep) + BoxWidth;
        var height = (2 * Margin) + (3.4 * RowStep) + BoxHeight;
        var s = new StringBuilder();
        s.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"session-diagram\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        s.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");

        // The Charging superstate around its substates.
        var inner = info.States.Single(x => (SessionState)x.UnderlyingState == SessionState.Charging).Substates.Select(x => (SessionState)x.UnderlyingState).ToList();
        var (x0, y0) = (inner.Min(c => X(c)) - 15, inner.Min(c => Y(c)) - 25);
        var (x1, y1) = (inner.Max(c => X(c)) + BoxWidth + 15, inner.Max(c => Y(c)) + BoxHeight + 15);
        s.Append(F($"<rect x=\"{x0:0}\" y=\"{y0:0}\" width=\"{x1 - x0:0}\" height=\"{y1 - y0:0}\" rx=\"12\" fill=\"#f4f8ff\" stroke=\"#88a\" stroke-dasharray=\"5,3\"/>"));
        s.Append(F($"<text x=\"{x0 + 8:0}\" y=\"{y0 + 15:0}\" fill=\"#557\">Charging</text>\n"));

        // Edges first, boxes over them. Parallel edges between a pair bend apart.
        var rows = TransitionRows(limits);
        var pairs = new Dictionary<(SessionState, SessionState), int>();
        foreach (var t in rows)
        {
            var n = pairs.TryGetValue((t.From, t.To), out var k) ? k + 1 : 0;
            pairs[(t.From, t.To)] = n;
            Edge(s, t, n);
        }

        foreach (var state in s_place.Keys.Where(states.Contains))
        {
            var (x, y) = (X(state), Y(state));
            var fill = state switch
            {
                SessionState.EmergencyStop => "#fdd",
                SessionState.Fault => "#fed",
                SessionState.Complete => "#dfd",
                _ => "#fff",
            };
            s.Append(F($"<rect x=\"{x:0}\" y=\"{y:0}\" width=\"{BoxWidth:0}\" height=\"{BoxHeight:0}\" rx=\"8\" fill=\"{fill}\" stroke=\"#333\"/>"));
            s.Append(F($"<text x=\"{x + (BoxWidth / 2):0}\" y=\"{y + (BoxHeight / 2) + 4:0}\" text-anchor=\"middle\" font-size=\"13\">{state}</text>\n"));
        }

        s.Append("</svg>\n");
        return s.ToString();
    }

    private static double X(SessionState state) => Margin + (s_place[state].Column * ColumnStep);

    private static double Y(SessionState state) => Margin + (s_place[state].Row * RowStep);

    /// <summary>The point where the segment from a box's centre towards (tx, ty) leaves the box.</summary>
    private static (double X, double Y) Border(SessionState state, double tx, double ty)
    {
        var (cx, cy) = (X(state) + (BoxWidth / 2), Y(state) + (BoxHeight / 2));
        var (dx, dy) = (tx - cx, ty - cy);
        var scale = Math.Min(dx == 0 ? double.PositiveInfinity : BoxWidth / 2 / Math.Abs(dx), dy == 0 ? double.PositiveInfinity : BoxHeight / 2 / Math.Abs(dy));
        return (cx + (dx * scale), cy + (dy * scale));
    }

    private static void Edge(StringBuilder s, Transition t, int parallel)
    {
        // A transition of the Charging superstate (dashed) is drawn from PlatingRecovery's place, the substate nearest its
        // targets (Fault, EmergencyStop, Idle).
        var from = t.From == SessionState.Charging ? SessionState.PlatingRecovery : t.From;
        var (fx, fy) = (X(from) + (BoxWidth / 2), Y(from) + (BoxHeight / 2));
        var (tx, ty) = (X(t.To) + (BoxWidth / 2), Y(t.To) + (BoxHeight / 2));
        var (dx, dy) = (tx - fx, ty - fy);
        var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
        var bend = 22 + (0.14 * length) + (30 * parallel); // long edges arc clear of the boxes on their row
        var (cx, cy) = (((fx + tx) / 2) - (dy / length * bend), ((fy + ty) / 2) + (dx / length * bend));
        var (ax, ay) = Border(from, cx, cy);
        var (bx, by) = Border(t.To, cx, cy);
        var dash = t.From == SessionState.Charging ? " stroke-dasharray=\"4,3\"" : "";
        s.Append(F($"<path d=\"M{ax:0.#},{ay:0.#} Q{cx:0.#},{cy:0.#} {bx:0.#},{by:0.#}\" fill=\"none\" stroke=\"#555\"{dash} marker-end=\"url(#arrow)\"/>"));
        s.Append(F($"<text x=\"{(ax + (2 * cx) + bx) / 4:0.#}\" y=\"{((ay + (2 * cy) + by) / 4) - 3:0.#}\" text-anchor=\"middle\" fill=\"#225\">{WebUtility.HtmlEncode(t.Trigger)}</text>\n"));
    }

    private static string F(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
