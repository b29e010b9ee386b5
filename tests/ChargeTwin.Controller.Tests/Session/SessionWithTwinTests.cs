using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using ChargeTwin.Controller.Twin;
using static ChargeTwin.Controller.Tests.Session.Observations;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>
/// The real twin (lgm50, 5 A h) inside the session on a synthetic measurement stream: the cell takes what was
/// commanded, its voltage rising slowly, at 25 °C — enough to see the twin's admissible current pass through the session.
/// </summary>
public sealed class SessionWithTwinTests
{
    [Fact]
    public void TheTwin_ChargesInsideTheSession_AndTheMonitorsLimitWins()
    {
        var twin = new TwinController(new TwinSpec("twin"), new ControllerContext(5, 15, 4.2, 1, 0.3, 0.02), CellLibrary.Load("lgm50"));
        var session = new SessionController(twin);
        session.Start();
        var commanded_A = 0.0;
        for (var k = 0; k < 120; k++)
        {
            if (k == 90)
            {
                session.Verdict = Verdict(SafetyReaction.Derate, 1.0, "surface temperature high");
            }

            var sp = session.Step(new MeasuredSample(k, 3.70 + (2e-4 * k) + (0.01 * commanded_A), commanded_A, 298.15, 1e5 + k), k);
            commanded_A = sp.Enable ? sp.CurrentLimit_A : 0;

            Assert.True(sp.CurrentLimit_A <= twin.Telemetry.AdmissibleCurrent_A + 1e-12, $"period {k}: {sp.CurrentLimit_A} A above the twin's admissible {twin.Telemetry.AdmissibleCurrent_A} A");
            Assert.True(k < 90 || sp.CurrentLimit_A <= 1.0, $"period {k}: {sp.CurrentLimit_A} A above the monitor's 1 A");
            if (k == 89)
            {
                Assert.Equal(SessionState.FastCharge, session.State);
                Assert.True(sp.Enable && sp.CurrentLimit_A > 1, $"the twin admitted only {sp.CurrentLimit_A} A ({sp.Reason})");
                Assert.StartsWith("fast charge: twin: ", sp.Reason, StringComparison.Ordinal);
            }
        }

        Assert.Equal(SessionState.Derated, session.State);
        Assert.Equal(0, session.Unhandled.Count);
        Assert.True(session.StateOfCharge.HasValue);
        Assert.Equal(TwinInsightFor(twin).PlatingEvidence, session.Session.Observation.PlatingEvidence);
    }

    private static TwinInsight TwinInsightFor(TwinController twin) => new(twin);
}
