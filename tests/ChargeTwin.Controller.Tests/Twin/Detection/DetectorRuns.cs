using ChargeTwin.Controller.Twin.Detection;

namespace ChargeTwin.Controller.Tests.Twin.Detection;

/// <summary>Drives the detectors through synthetic charges.</summary>
internal static class DetectorRuns
{
    /// <summary>3.5 A h: a 10 → 80 % charge of a 5 A h cell.</summary>
    public const double ChargeLength_Ah = 3.5;

    public static PressurePlatingDetector Pressure(PlatingDetectorOptions? options = null) =>
        new((options ?? new PlatingDetectorOptions()) with { PressureSensorLag_s = 2 });

    /// <summary>A detector whose gain was learnt over a whole earlier charge without plating (<see cref="PressurePlatingDetector.StartCharge"/> keeps it).</summary>
    public static PressurePlatingDetector PressureCalibratedOnEarlierCharge(int seed)
    {
        var pressure = Pressure(new PlatingDetectorOptions { CalibrationCharge_Ah = ChargeLength_Ah - 0.01 });
        var earlier = new SyntheticCharge(seed);
        while (earlier.Charge_Ah < ChargeLength_Ah)
        {
            earlier.Next();
            pressure.Update(earlier.Time_s, earlier.Charge_Ah, earlier.Pressure_Pa, earlier.ExpectedThickness_m, 0);
        }

        Assert.True(pressure.GainFrozen);
        pressure.StartCharge();
        return pressure;
    }

    /// <summary>Runs one charge through both detectors; the largest evidence each reached.</summary>
    public static (double Pressure, double Voltage) MaximumEvidence(SyntheticCharge charge, PressurePlatingDetector pressure, VoltagePlatingDetector voltage)
    {
        double maxP = 0, maxV = 0;
        while (charge.Charge_Ah < ChargeLength_Ah)
        {
            charge.Next();
            pressure.Update(charge.Time_s, charge.Charge_Ah, charge.Pressure_Pa, charge.ExpectedThickness_m, 0);
            voltage.Update(charge.Time_s, charge.Charge_Ah, charge.Voltage_V, charge.Current_A, charge.ExpectedVoltage_V);
            maxP = Math.Max(maxP, pressure.Evidence);
            maxV = Math.Max(maxV, voltage.Evidence);
        }

        return (maxP, maxV);
    }

    public static double Quantile(List<double> values, double p)
    {
        values.Sort();
        return values[Math.Min((int)(p * values.Count), values.Count - 1)];
    }
}
