using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;

namespace ChargeTwin.HilBench.Link;

/// <summary>
/// Where a link reads the safety verdict until the monitor is wired into the controller's link: a controller under
/// test that is also an <see cref="ISafetyMonitor"/> (a monitored controller) gives its <see cref="ISafetyMonitor.Verdict"/>;
/// any other gives <see cref="SafetyVerdict.Nominal"/>.
/// </summary>
public static class LinkVerdict
{
    public static SafetyVerdict Of(IChargeController controller) => controller is ISafetyMonitor monitor ? monitor.Verdict : SafetyVerdict.Nominal;
}
