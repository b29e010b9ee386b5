namespace ChargeTwin.HilBench.Plant;

/// <summary>CODATA 2018 exact values, as PyBaMM uses them.</summary>
public static class PhysicalConstants
{
    /// <summary>Faraday constant [C/mol].</summary>
    public const double Faraday = 96485.33212;

    /// <summary>Molar gas constant [J/(mol K)].</summary>
    public const double GasConstant = 8.314462618;

    /// <summary>0 °C in kelvin.</summary>
    public const double ZeroCelsius_K = 273.15;
}
