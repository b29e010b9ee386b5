using System.Globalization;
using System.Text.RegularExpressions;

namespace ChargeTwin.Controller.Quantities;

/// <summary>Reads "4.2 V", "500 mA", "2C", "C/3", "30 min", "25 °C", "80 %", "5 mOhm", "30 kPa/Ah".</summary>
public static partial class QuantityParser
{
    /// <summary>Units each kind accepts, as the error message lists them.</summary>
    public static string UnitsOf(QuantityKind kind) => kind switch
    {
        QuantityKind.Number => "a plain number",
        QuantityKind.Fraction => "a fraction such as 0.8 or 80 %",
        QuantityKind.Voltage => "a voltage in V or mV (e.g. 4.2 V)",
        QuantityKind.Current => "a current in A or mA, or a C-rate (e.g. 5 A, 2C, C/3)",
        QuantityKind.Time => "a time in s, ms, min or h (e.g. 30 min)",
        QuantityKind.Temperature => "a temperature in °C, degC or K (e.g. 25 °C)",
        QuantityKind.Pressure => "a pressure in Pa, kPa, MPa or bar (e.g. 100 Pa)",
        QuantityKind.Resistance => "a resistance in Ohm or mOhm (e.g. 5 mOhm)",
        QuantityKind.SlewRate => "a slew rate in A/s, mA/s or C/s (e.g. 10 A/s)",
        QuantityKind.PressurePerCharge => "a dP/dQ in Pa/Ah or kPa/Ah (e.g. 30 kPa/Ah)",
        QuantityKind.Charge => "a charge in Ah or mAh (e.g. 0.1 mAh)",
        QuantityKind.TemperatureDifference => "a temperature difference in K (e.g. 0.5 K)",
        _ => kind.ToString(),
    };

    /// <summary>Parses <paramref name="text"/> as <paramref name="kind"/>; null with a reason when it cannot.</summary>
    public static Quantity? TryParse(string text, QuantityKind kind, out string problem)
    {
        problem = "";
        var t = text.Trim();
        if (kind == QuantityKind.Current || kind == QuantityKind.SlewRate)
        {
            var cOver = COverN().Match(t.Replace(" ", "", StringComparison.Ordinal));
            if (cOver.Success && kind == QuantityKind.Current)
            {
                var den = double.Parse(cOver.Groups[1].Value, CultureInfo.InvariantCulture);
                if (den > 0)
                {
                    return new Quantity(kind, 1 / den, IsCRate: true);
                }
            }
        }

        var m = NumberAndUnit().Match(t);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            problem = $"'{text}' is not {UnitsOf(kind)}";
            return null;
        }

        var unit = m.Groups[2].Value.Trim();
        double? value = (kind, unit) switch
        {
            (QuantityKind.Number, "") => x,
            (QuantityKind.Fraction, "") => x,
            (QuantityKind.Fraction, "%") => x / 100,
            (QuantityKind.Voltage, "V") => x,
            (QuantityKind.Voltage, "mV") => x / 1000,
            (QuantityKind.Current, "A") => x,
            (QuantityKind.Current, "mA") => x / 1000,
            (QuantityKind.Time, "s") => x,
            (QuantityKind.Time, "ms") => x / 1000,
            (QuantityKind.Time, "min") => x * 60,
            (QuantityKind.Time, "h") => x * 3600,
            (QuantityKind.Temperature, "K") => x,
            (QuantityKind.Temperature, "°C" or "degC") => x + 273.15,
            (QuantityKind.TemperatureDifference, "K" or "°C" or "degC") => x,
            (QuantityKind.Pressure, "Pa") => x,
            (QuantityKind.Pressure, "kPa") => x * 1e3,
            (QuantityKind.Pressure, "MPa") => x * 1e6,
            (QuantityKind.Pressure, "bar") => x * 1e5,
            (QuantityKind.Resistance, "Ohm" or "Ω") => x,
            (QuantityKind.Resistance, "mOhm" or "mΩ") => x / 1000,
            (QuantityKind.SlewRate, "A/s") => x,
            (QuantityKind.SlewRate, "mA/s") => x / 1000,
            (QuantityKind.PressurePerCharge, "Pa/Ah") => x,
            (QuantityKind.PressurePerCharge, "kPa/Ah") => x * 1e3,
            (QuantityKind.Charge, "Ah") => x,
            (QuantityKind.Charge, "mAh") => x / 1000,
            _ => null,
        };
        if (value is { } v)
        {
            return new Quantity(kind, v);
        }

        if (kind is QuantityKind.Current && unit == "C")
        {
            return new Quantity(kind, x, IsCRate: true);
        }

        if (kind is QuantityKind.SlewRate && unit == "C/s")
        {
            return new Quantity(kind, x, IsCRate: true);
        }

        problem = unit.Length == 0
            ? $"'{text}' has no unit: expected {UnitsOf(kind)}"
            : $"'{text}': wrong unit '{unit}', expected {UnitsOf(kind)}";
        return null;
    }

    [GeneratedRegex(@"^[Cc]/([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)$")]
    private static partial Regex COverN();

    [GeneratedRegex(@"^([+-]?[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(.*)$")]
    private static partial Regex NumberAndUnit();
}
