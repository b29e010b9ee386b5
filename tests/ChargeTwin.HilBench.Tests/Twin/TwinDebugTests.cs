using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin;
using Xunit.Abstractions;

namespace ChargeTwin.HilBench.Tests.Twin;

public sealed class TwinDebugTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 25.0)]
    public void Debug(double rate, double ambient)
    {
        var trace = PlantTrace.Charge("lgm50", rate, ambient);
        var set = CellLibrary.Load("lgm50");
        var twin = new TwinController(new TwinSpec("twin"), new ControllerContext(5, 15, 4.2, 1, 0.1, 0.02), set);
        var l = twin.Model.Layout;
        var first = trace.Samples[0];
        twin.Step(new MeasuredSample(0, 3.3, 0, trace.Ambient_K, 1e5), 0);
        foreach (var s in trace.Samples)
        {
            twin.Step(new MeasuredSample(s.Time_s, s.Voltage_V, s.Current_A, s.Temperature_K, s.StackPressure_Pa), s.Time_s);
            if ((int)s.Time_s % 60 == 0)
            {
                var x = twin.ModelState;
                ref readonly var t = ref twin.Telemetry;
                output.WriteLine($"{s.Time_s,5:0} V {s.Voltage_V:F4}/{t.PredictedVoltage_V:F4} soc {s.StateOfCharge:F3}/{t.StateOfCharge.Mean:F3} eta {s.PlatingOverpotential_V * 1000:F1}/{t.PlatingOverpotential_V.Mean * 1000:F1}±{t.PlatingOverpotential_V.Sigma * 1000:F1} rej {t.RejectedGated} p[{string.Join(" ", x.Slice(l.ParameterStart, l.ParameterCount).ToArray().Select(v => v.ToString("G3")))}]");
            }
        }

        _ = first;
    }
}
