namespace ChargeTwin.Controller.Quantities;

/// <summary>The physical kind of a campaign value, which fixes the units it may be written in.</summary>
public enum QuantityKind
{
    /// <summary>A plain number (no unit).</summary>
    Number,

    /// <summary>A fraction: 0.8 or 80 %.</summary>
    Fraction,

    /// <summary>V, mV.</summary>
    Voltage,

    /// <summary>A, mA, or a C-rate (2C, C/3) resolved against the cell's nominal capacity.</summary>
    Current,

    /// <summary>s, ms, min, h.</summary>
    Time,

    /// <summary>K, °C, degC.</summary>
    Temperature,

    /// <summary>Pa, kPa, MPa, bar.</summary>
    Pressure,

    /// <summary>Ω, mΩ, Ohm, mOhm.</summary>
    Resistance,

    /// <summary>A/s, mA/s, C/s.</summary>
    SlewRate,

    /// <summary>Pa/Ah, kPa/Ah (a dP/dQ).</summary>
    PressurePerCharge,

    /// <summary>Ah, mAh.</summary>
    Charge,

    /// <summary>K (a temperature difference: noise, bias, quantisation of a temperature sensor).</summary>
    TemperatureDifference,
}
