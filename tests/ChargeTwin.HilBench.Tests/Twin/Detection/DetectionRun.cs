using ChargeTwin.Controller.Twin.Detection;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Tests.Twin.Detection;

/// <summary>
/// Both detectors through one <see cref="PlatingCharge"/>, read through the bench's sensor models (campaign
/// README's "bench" suite: pressure 50 Pa noise, 10 Pa steps, 2 s lag; voltage 1 mV noise and steps; current 5 mA
/// noise, 1 mA steps), once per 1 s control period, with the charge counted from the measured current.
/// </summary>
internal sealed class DetectionRun
{
    public static readonly SensorChannelSpec Pressure = new(50, 0, 10, 2);
    public static readonly SensorChannelSpec Voltage = new(1e-3, 0, 1e-3, 0);
    public static readonly SensorChannelSpec Current = new(5e-3, 0, 1e-3, 0);

    public DetectionRun(PlatingCharge charge, ExpectedThickness expectation, PressurePlatingDetector pressure, ulong seed)
    {
        var p = new SensorChannel(Pressure, seed, []);
        var v = new SensorChannel(Voltage, seed + 1, []);
        var i = new SensorChannel(Current, seed + 2, []);
        var voltage = new VoltagePlatingDetector(new VoltageDetectorOptions());
        var parameters = charge.Parameters;
        double counted = 0, lastCurrent = double.NaN, lastTime = double.NaN;
        for (var k = 0; k < charge.Length; k++)
        {
            var s = charge.Plant[k];
            var current = i.Read(s.Current_A, s.Time_s, s.Time_s);
            counted += double.IsNaN(lastTime) ? 0 : 0.5 * (current + lastCurrent) * (s.Time_s - lastTime) / 3600;
            (lastCurrent, lastTime) = (current, s.Time_s);
            var thermal = parameters.ThermalExpansion_MPerK * (s.Temperature_K - parameters.ReferenceTemperature_K);
            var expected = expectation switch
            {
                ExpectedThickness.ScaledAndOffset => (1.1 * charge.ExpectedThickness_m[k]) + 1e-6,
                ExpectedThickness.ThermalOnePercentHigh => charge.ExpectedThickness_m[k] + (0.01 * thermal),
                ExpectedThickness.ThermalOnePercentLow => charge.ExpectedThickness_m[k] - (0.01 * thermal),
                _ => charge.ExpectedThickness_m[k],
            };
            pressure.Update(s.Time_s, counted, p.Read(s.StackPressure_Pa, s.Time_s, s.Time_s), expected, 0);
            voltage.Update(s.Time_s, counted, v.Read(s.Voltage_V, s.Time_s, s.Time_s), current, charge.TwinVoltage_V[k]);
            PressureEvidence = Math.Max(PressureEvidence, pressure.Evidence);
            VoltageEvidence = Math.Max(VoltageEvidence, voltage.Evidence);
        }

        OnsetSoc = charge.Onset >= 0 ? charge.Plant[charge.Onset].StateOfCharge : double.NaN;
        PressureAlarmSoc = SocAt(charge, pressure);
        VoltageAlarmSoc = SocAt(charge, voltage);
        FinalSoc = charge.Plant[charge.Length - 1].StateOfCharge;
    }

    /// <summary>True SOC where η_Li first fell below 0 V at the separator; NaN when it never did.</summary>
    public double OnsetSoc { get; }

    /// <summary>True SOC at the pressure detector's alarm; NaN without one.</summary>
    public double PressureAlarmSoc { get; }

    public double VoltageAlarmSoc { get; }

    /// <summary>The largest evidence the pressure detector reached.</summary>
    public double PressureEvidence { get; private set; }

    public double VoltageEvidence { get; private set; }

    public double FinalSoc { get; }

    /// <summary>
    /// A pressure detector whose gain was learnt over a whole charge (with its own sensor noise) and frozen, from the
    /// same twin: the same distortion of the expected thickness.
    /// </summary>
    public static PressurePlatingDetector CalibratedOn(PlatingCharge charge, ExpectedThickness expectation, ulong seed)
    {
        var detector = new PressurePlatingDetector(Options with { CalibrationCharge_Ah = 0.9 * (charge.Plant[charge.Length - 1].Time_s * charge.Plant[0].Current_A / 3600) });
        _ = new DetectionRun(charge, expectation, detector, seed);
        Assert.True(detector.GainFrozen, "the calibration charge did not freeze the gain");
        detector.StartCharge();
        return detector;
    }

    /// <summary>The defaults, told the pressure sensor's 2 s time constant.</summary>
    public static PlatingDetectorOptions Options { get; } = new() { PressureSensorLag_s = Pressure.Lag_s };

    private static double SocAt(PlatingCharge charge, PlatingDetector detector) =>
        detector.Alarm ? charge.Plant.First(s => s.Time_s >= detector.AlarmTime_s).StateOfCharge : double.NaN;
}
