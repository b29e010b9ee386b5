using ChargeTwin.Controller.Session;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>Every state of the machine can be reached through its own transitions (SessionPaths walks to each).</summary>
public sealed class SessionCoverageTests
{
    [Fact]
    public void EveryState_IsReached_AndTheSuperstateNeverIsCurrent()
    {
        var reached = new HashSet<SessionState>();
        foreach (var state in Enum.GetValues<SessionState>().Where(s => s != SessionState.Charging))
        {
            var session = SessionPaths.In(state);
            for (var i = 0; i < session.Transitions.Retained; i++)
            {
                reached.Add(session.Transitions[i].From);
                reached.Add(session.Transitions[i].To);
            }

            reached.Add(session.State);
        }

        Assert.Equal(Enum.GetValues<SessionState>().Where(s => s != SessionState.Charging).Order(), reached.Order());
        Assert.DoesNotContain(SessionState.Charging, reached);
    }
}
