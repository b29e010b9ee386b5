namespace ChargeTwin.Controller.Twin.Model;

/// <summary>CODATA 2018 exact values, the ones PyBaMM and the bench's plant use.</summary>
public static class PhysicalConstants
{
    /// <summary>Faraday constant [C/mol].</summary>
    public const double Faraday = 96485.33212;

    /// <summary>Molar gas constant [J/(mol K)].</summary>
    public const double GasConstant = 8.314462618;
}
