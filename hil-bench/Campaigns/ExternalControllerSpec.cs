using ChargeTwin.Controller.Contract;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// The controller under test as a separate process (<c>type: external</c>): the bench reaches it only through the
/// DBC's frames on a real bus, in real time — <c>chargetwin-bench hil --controller udp://HOST:PORT</c>. Its
/// decisions, estimates and monitor are its own; the bench measures it from the plant's truth and the wire.
/// </summary>
public sealed record ExternalControllerSpec(string Name) : ControllerSpec(Name)
{
    public override string Type => "external";

    public override string Canonical() => "external";
}
