using System.Globalization;

namespace ChargeTwin.Controller.Quantities;

/// <summary>
/// A value read from a configuration (campaign, controller) file, in the base unit of its kind (V, A, s, K, Pa, Ω, A/s, Pa/Ah, A h).
/// A current may be a C-rate (<see cref="IsCRate"/>): its <see cref="Value"/> is then in multiples of C.
/// </summary>
public readonly record struct Quantity(QuantityKind Kind, double Value, bool IsCRate = false)
{
    /// <summary>The value in A (or A/s) for a current (or slew), resolving a C-rate against the capacity.</summary>
    public double Resolve(double nominalCapacity_Ah) => IsCRate ? Value * nominalCapacity_Ah : Value;

    public string Canonical() => string.Create(CultureInfo.InvariantCulture, $"{Value:R}{(IsCRate ? "C" : "")}");
}
