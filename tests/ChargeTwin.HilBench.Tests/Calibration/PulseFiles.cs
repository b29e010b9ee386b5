using System.Globalization;
using System.Text;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Pulse files in the format of LGM50_5Ah_Pulse_all.csv, for the reader's and the replay's tests.</summary>
internal static class PulseFiles
{
    public const string Header = "temperature,soc,cell,Status,Procedure,Step,StepTime,ProgTime,Cycle,CycleLevel,Voltage,Current,AhAccu,AhPrev,WhAccu,Watt,LogTemp001,LogTemp002";

    /// <summary>
    /// One pulse as the cycler logs it: the last sample of the rest before it, the step instant (current 0, the
    /// voltage already the pulse's), 10 s at <paramref name="current_A"/> every 0.1 s, the step instant of the pause
    /// (current 0, voltage still the pulse's), then 10 s of relaxation every second.
    /// </summary>
    public static string Pulse(string temperature, string soc, string cell, double restVoltage_V, double current_A, double start_s, double cellTemperature_C = 25.0, double resistance_Ohm = 0.03)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        var key = $"{temperature},{soc},{cell}";
        w.AppendLine(string.Create(inv, $"{key},P,H,169,200.0,{start_s},1,1,{restVoltage_V},0.0,,,,,,"));
        var loaded = restVoltage_V + current_A * resistance_Ohm;
        w.AppendLine(string.Create(inv, $"{key},D,H,171,0.0,{start_s + 0.02},1,1,{loaded},0.0,,,,,,"));
        for (var k = 0; k <= 100; k++)
        {
            var t = 0.1 * k;
            w.AppendLine(string.Create(inv, $"{key},D,H,171,{t:F3},{start_s + 0.02 + t:F3},1,1,{loaded - 0.002 * t:F5},{current_A},{current_A * t / 3600:F5},0.1,0,0,{cellTemperature_C},"));
        }

        var end = start_s + 10.02;
        w.AppendLine(string.Create(inv, $"{key},P,H,172,0.0,{end + 0.02:F3},1,1,{loaded - 0.02:F5},0.0,,,,,,"));
        for (var j = 1; j <= 10; j++)
        {
            w.AppendLine(string.Create(inv, $"{key},P,H,172,{j}.0,{end + j:F3},1,1,{restVoltage_V - 0.02 * Math.Exp(-j / 3.0):F5},0.0,0,0.1,0,0,{cellTemperature_C},"));
        }

        return w.ToString();
    }

    /// <summary>Two cells at 25 °C and 50 %, one cell at 0 °C and 90 % (−2.5 A, as the file's 0 °C pulses).</summary>
    public static string ThreePulses() =>
        Header + "\n"
        + Pulse("T25", "SoC5", "Cell1", 3.70106, -7.5, 1000)
        + Pulse("T25", "SoC5", "Cell2", 3.70130, -7.5, 2000)
        + Pulse("T0", "SoC9", "Cell19", 4.08078, -2.5, 3000, cellTemperature_C: 0.7);

    /// <summary>Lines 12783–12807 of LGM50_5Ah_Pulse_all.csv (header first): T10, 10 % SOC, Cell13 — the cycler stopped the pulse at 2.4 V after 0.665 s.</summary>
    public const string RealCutOffPulse = Header + """

        T10,SoC1,Cell13,R,1,226,0.0,250502.355,9,1,3.0429,0.0,,,,,,
        T10,SoC1,Cell13,D,1,227,0.0,250502.356,9,1,2.64719,0.0,,,,,,
        T10,SoC1,Cell13,D,1,227,0.0,250502.356,9,1,2.62595,-7.4757,0.0,0.00024,-7.28112,0.0,10.9,
        T10,SoC1,Cell13,D,1,227,0.123,250502.479,9,1,2.59059,-7.48106,-0.00026,0.00024,-7.28182,-19.38034,10.9,
        T10,SoC1,Cell13,D,1,227,0.123,250502.479,9,1,2.59059,-7.48106,-0.00026,0.00024,-7.28182,-19.38034,10.9,
        T10,SoC1,Cell13,D,1,227,0.23,250502.586,9,1,2.57524,-7.48321,-0.00049,0.00024,-7.2824,-19.38034,10.9,
        T10,SoC1,Cell13,D,1,227,0.23,250502.586,9,1,2.57524,-7.48321,-0.00049,0.00024,-7.2824,-19.38034,10.9,
        T10,SoC1,Cell13,D,1,227,0.304,250502.66,9,1,2.55444,-7.48571,-0.00049,0.00024,-7.2824,-19.12184,10.9,
        T10,SoC1,Cell13,D,1,227,0.304,250502.66,9,1,2.55444,-7.48571,-0.00049,0.00024,-7.2824,-19.12184,10.9,
        T10,SoC1,Cell13,D,1,227,0.345,250502.701,9,1,2.51274,-7.48965,-0.00086,0.00024,-7.28333,-19.12184,10.9,
        T10,SoC1,Cell13,D,1,227,0.385,250502.741,9,1,2.50196,-7.49036,-0.00086,0.00024,-7.28333,-18.74056,10.9,
        T10,SoC1,Cell13,D,1,227,0.461,250502.817,9,1,2.49184,-7.49108,-0.00103,0.00024,-7.28374,-18.74056,10.9,
        T10,SoC1,Cell13,D,1,227,0.461,250502.817,9,1,2.49184,-7.49108,-0.00103,0.00024,-7.28374,-18.74056,10.9,
        T10,SoC1,Cell13,D,1,227,0.585,250502.941,9,1,2.48183,-7.49179,-0.00103,0.00024,-7.28374,-18.59335,10.9,
        T10,SoC1,Cell13,D,1,227,0.585,250502.941,9,1,2.48183,-7.49179,-0.00103,0.00024,-7.28374,-18.59335,10.9,
        T10,SoC1,Cell13,D,1,227,0.626,250502.982,9,1,2.45414,-7.49322,-0.00144,0.00024,-7.28477,-18.59335,10.9,
        T10,SoC1,Cell13,D,1,227,0.626,250502.982,9,1,2.45414,-7.49322,-0.00144,0.00024,-7.28477,-18.59335,10.9,
        T10,SoC1,Cell13,D,1,227,0.665,250503.021,9,1,2.4369,-7.49358,-0.00144,0.00024,-7.28477,-18.26113,10.9,
        T10,SoC1,Cell13,D,1,227,0.665,250503.021,9,1,2.42856,-7.4943,-0.00161,0.00024,-7.28517,-18.26113,10.9,
        T10,SoC1,Cell13,D,1,227,0.665,250503.021,9,1,2.42856,-7.4943,,,,,,
        T10,SoC1,Cell13,D,1,227,0.665,250503.021,9,1,2.42856,-7.4943,,,,,,
        T10,SoC1,Cell13,P,1,228,0.0,250503.043,9,1,2.40866,0.0,,,,,,
        T10,SoC1,Cell13,P,1,228,0.0,250503.043,9,1,2.38964,0.0,-0.00161,0.00166,-7.28517,-18.13953,10.9,
        T10,SoC1,Cell13,P,1,228,0.0,250503.043,9,1,2.38964,0.0,-0.00161,0.00166,-7.28517,-18.13953,10.9,
        T10,SoC1,Cell13,P,1,228,0.0,250503.043,9,1,2.38964,0.0,,,,,,

        """;
}
