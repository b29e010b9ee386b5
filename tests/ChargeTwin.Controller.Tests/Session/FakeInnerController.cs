using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Session;

namespace ChargeTwin.Controller.Tests.Session;

/// <summary>An inner controller whose setpoint and insight the test sets; it counts its steps.</summary>
internal sealed class FakeInnerController : IChargeController, IChargeInsight
{
    public string Name => "fake";

    public double Current_A { get; set; } = 5;

    public double VoltageLimit_V { get; set; } = 4.2;

    public bool Enable { get; set; } = true;

    public string Reason { get; set; } = "fake: constant current";

    public double PlatingEvidence { get; set; }

    public double AdmissibleCurrent_A { get; set; } = double.PositiveInfinity;

    public bool NothingAdmissible { get; set; }

    public int Steps { get; private set; }

    public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
    {
        Steps++;
        return new Setpoint(Current_A, VoltageLimit_V, Enable, Reason);
    }
}
