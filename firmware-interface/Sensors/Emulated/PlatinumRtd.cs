namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// Resistance of an industrial platinum RTD by the Callendar–Van Dusen equation with the IEC 60751
/// coefficients: R(t) = R0 (1 + A t + B t² + C (t − 100) t³), C applying below 0 °C only.
/// </summary>
public static class PlatinumRtd
{
    /// <summary>IEC 60751 A, 1/°C.</summary>
    public const double A = 3.9083e-3;

    /// <summary>IEC 60751 B, 1/°C².</summary>
    public const double B = -5.775e-7;

    /// <summary>IEC 60751 C, 1/°C⁴ (below 0 °C).</summary>
    public const double C = -4.183e-12;

    /// <summary>Resistance in ohms at a temperature, for a sensor of <paramref name="r0_ohm"/> at 0 °C.</summary>
    public static double Resistance_ohm(double temperature_K, double r0_ohm)
    {
        double t = temperature_K - 273.15;
        double r = 1 + (A * t) + (B * t * t);
        if (t < 0)
        {
            r += C * (t - 100) * t * t * t;
        }

        return r0_ohm * r;
    }
}
